#!/usr/bin/env node
// Entry point of `npx qualibot`: runs the TypeScript CLI through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
