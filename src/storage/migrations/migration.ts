/** One schema change, written once per engine (the dialects differ in types, not in shape). */
export interface Migration {
  /** Strictly increasing; recorded in `schema_migrations`. */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}
