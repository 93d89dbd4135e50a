import { z } from 'zod';
import { DIMENSION_KINDS } from '../dimensions/index.js';
import { DEFAULT_REJECTION_REASONS, rejectionReasonSchema } from '../feedback/rejection-reasons.js';
import { textOverridesSchema } from '../i18n/text-overrides-schema.js';

/**
 * The playbook: everything sales/marketing ops may change without touching code.
 * Validated once at start-up; an invalid file fails with the file and field named.
 */

const localized = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();

/** The kinds of dimension the engine knows (src/dimensions: one module each, with its level ids). */
const kindIds = (): string => [...DIMENSION_KINDS.keys()].join(', ');

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

const patterns = z.object({ fr: z.array(regexSource).default([]), en: z.array(regexSource).default([]) }).strict();

/**
 * Words and short phrases, not regular expressions: matched on whole words, case and accents aside, each word
 * also in its other forms (plural, conjugation: "alerte" reads "alertes", "compare" reads "comparing").
 */
const phrase = z
  .string()
  .trim()
  .min(1)
  .refine((text) => !/[\\^$*+?()[\]{}|]/.test(text), { message: 'is a word or a short phrase, not a regular expression (use `patterns` for regular expressions)' })
  .refine((text) => /\p{L}|\d/u.test(text), { message: 'needs at least one letter or digit' });
const phrases = z.object({ fr: z.array(phrase).default([]), en: z.array(phrase).default([]) }).strict();
/** Sentences, per locale: what must (examples) or must not (counterexamples) be read a given way. */
const sentences = z.object({ fr: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) }).strict();

/**
 * What the company sells, in its buyers' words: the rules extractor combines these with its generic knowledge of
 * how a problem or a need is stated ("we struggle with …", "not enough …", "nous devons …", "on manque de …").
 */
const vocabularySchema = z
  .object({
    /** What goes wrong for a buyer that the offer fixes ("ransomware", "payroll errors", "unplanned downtime"). */
    problems: phrases.default({ fr: [], en: [] }),
    /** What the offer brings, what buyers want more of ("qualified meetings", "compliance", "leads"). */
    results: phrases.default({ fr: [], en: [] }),
    /** What the company sells or takes over ("24/7 monitoring", "payroll software", "preventive maintenance"). */
    offer: phrases.default({ fr: [], en: [] }),
  })
  .strict();

const levelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/, 'use lower_snake_case'),
    points: z.number().min(0),
    description: z.string().min(1),
    /** Timeline levels: the level applies up to this many months (inclusive). */
    maxMonths: z.number().positive().optional(),
    /** Words and short phrases that mean this level (what a `custom` dimension is read from). */
    phrases: phrases.optional(),
    /** Extra regular expressions the rules extractor maps to this level (for what phrases cannot say). */
    patterns: patterns.optional(),
    /** Answers that must be read as this level, and answers that must not (`qualibot playbook check` runs them). */
    examples: sentences.optional(),
    counterexamples: sentences.optional(),
  })
  .strict();

const quickReplySchema = z
  .object({
    label: localized,
    /** The level a click on this button means, so a click never goes through extraction. */
    level: z.string(),
    months: z.number().positive().optional(),
  })
  .strict();

const dimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case'),
    kind: z.string().refine((kind) => DIMENSION_KINDS.has(kind), { message: `is not a kind of dimension (${kindIds()})` }),
    /** Read by people and by the LLM extractor. */
    description: z.string().min(1),
    /** Maximum points this dimension can bring. */
    weight: z.number().min(0),
    question: localized,
    /** Asked once when the answer did not tell us enough. */
    clarification: localized,
    quickReplies: z.array(quickReplySchema).default([]),
    levels: z.array(levelSchema).min(1),
    /** Budget dimensions: amounts below this (per year, in `currency`) score as `below_minimum`. */
    minimumYearlyAmount: z.number().min(0).optional(),
  })
  .strict();

const knockoutSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case'),
    description: z.string().min(1),
    /** Built-in detector to use (student, job_seeker, vendor, no_need, below_icp_size), if any. */
    signal: z.enum(['student', 'job_seeker', 'vendor', 'no_need', 'below_icp_size']).optional(),
    /** Words and short phrases that reveal this knockout when the visitor says them about themselves. */
    phrases: phrases.optional(),
    patterns: patterns.optional(),
    /** Messages that must trigger this knockout, and messages that must not (`qualibot playbook check`). */
    examples: sentences.optional(),
    counterexamples: sentences.optional(),
    /**
     * Fires on what enrichment looked up rather than on words (src/enrichment): an existing customer, a throwaway
     * address, a sector. A free-mail address is deliberately not a condition: it lowers nothing by itself.
     */
    enrichment: z
      .object({
        existingCustomer: z.literal(true).optional(),
        disposableEmail: z.literal(true).optional(),
        /** Sectors (as the company file or the provider names them, case aside). */
        sectors: z.array(z.string().trim().min(1)).min(1).optional(),
      })
      .strict()
      .refine((when) => Object.values(when).some((value) => value !== undefined), { message: 'name at least one of existingCustomer, disposableEmail, sectors' })
      .optional(),
    /** The polite, specific close shown to the visitor. */
    close: localized,
  })
  .strict();

/** What company facts looked up from a visitor's e-mail domain or website (src/enrichment) may do in this playbook. */
const enrichmentSchema = z
  .object({
    /** Fill the company dimension (size, sector) from enrichment where the visitor said nothing, so it is not asked. */
    fillCompany: z.boolean().default(true),
    /** A looked-up size below `icp.minEmployees` disqualifies like a stated one (off: only the visitor's words can). */
    sizeKnockout: z.boolean().default(false),
    /** An existing customer: suggested to its account owner on a handoff (`route_to_owner`), or treated as anyone. */
    existingCustomer: z.enum(['route_to_owner', 'as_any_lead']).default('route_to_owner'),
  })
  .strict();

export const playbookSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    name: z.string().min(1),
    framework: z.string().min(1),
    /** The currency amounts are compared in; others are converted with `currencyRates`. */
    currency: z.string().length(3),
    /** Value of one unit of each other currency in `currency`. */
    currencyRates: z.record(z.string().length(3), z.number().positive()).default({}),
    vocabulary: vocabularySchema.default({ problems: { fr: [], en: [] }, results: { fr: [], en: [] }, offer: { fr: [], en: [] } }),
    icp: z
      .object({
        description: z.string().min(1),
        minEmployees: z.number().int().min(1),
        businessModel: z.enum(['b2b', 'b2c', 'any']),
        sectors: z.array(z.string()).default([]),
      })
      .strict(),
    dimensions: z.array(dimensionSchema).min(1),
    knockouts: z.array(knockoutSchema).default([]),
    enrichment: enrichmentSchema.default({ fillCompany: true, sizeKnockout: false, existingCustomer: 'route_to_owner' }),
    /** Why an SDR may reject a lead (the console's and cards' list); defaults in French and English. */
    rejectionReasons: z
      .array(rejectionReasonSchema)
      .min(1)
      .default(() => DEFAULT_REJECTION_REASONS.map((reason) => ({ ...reason, label: { ...reason.label } }))),
    thresholds: z
      .object({
        handoff: z.number().min(0),
        warm: z.number().min(0),
      })
      .strict(),
    ambiguity: z
      .object({
        /** Contradictory answers on one dimension make the lead ambiguous. */
        contradictions: z.boolean().default(true),
        /** An unclear dimension makes the lead ambiguous when its maximum would reach the handoff threshold. */
        unclearCouldReachThreshold: z.boolean().default(true),
      })
      .strict()
      .default({ contradictions: true, unclearCouldReachThreshold: true }),
    messages: z
      .object({
        greeting: localized,
        notice: localized,
        acknowledgements: z.array(localized).default([]),
        outcome: z
          .object({
            handoff: localized,
            handoffAmbiguous: localized,
            nurture: localized,
            nurtureCold: localized,
            disqualify: localized,
          })
          .strict(),
        afterOutcome: localized,
        contactThanks: localized,
      })
      .strict(),
    /**
     * The company's wording of any product text of the catalogue (src/i18n/catalogue/<locale>.json), per key and
     * locale; the conversation's own texts (greeting, closes) stay in `messages`.
     */
    texts: textOverridesSchema.optional(),
    /** The company's demo pages shown at / (fr) and /en with the widget, relative to the playbook file. */
    site: z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict().optional(),
    links: z
      .object({
        resource: z.string().url(),
        careers: z.string().url(),
        purchasing: z.string().min(1),
        privacy: z.string().url(),
      })
      .strict(),
  })
  .strict()
  .superRefine((playbook, ctx) => {
    const dimensionIds = new Set<string>();
    playbook.dimensions.forEach((dimension, index) => {
      const at = ['dimensions', index];
      if (dimensionIds.has(dimension.id)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `duplicate dimension id "${dimension.id}"` });
      }
      dimensionIds.add(dimension.id);
      const levelIds = new Set(dimension.levels.map((level) => level.id));
      const kind = DIMENSION_KINDS.get(dimension.kind);
      if (kind?.levels) {
        const known = kind.levels;
        dimension.levels.forEach((level, levelIndex) => {
          if (!known.includes(level.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [...at, 'levels', levelIndex, 'id'],
              message: `level "${level.id}" is not one of ${known.join(', ')} (kind ${dimension.kind})`,
            });
          }
        });
      }
      for (const [path, message] of kind?.validate?.(dimension) ?? []) ctx.addIssue({ code: 'custom', path: [...at, ...path], message });
      dimension.levels.forEach((level, levelIndex) => {
        if (level.points > dimension.weight) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'levels', levelIndex, 'points'],
            message: `${level.points} points exceed the dimension weight ${dimension.weight}`,
          });
        }
      });
      dimension.quickReplies.forEach((reply, replyIndex) => {
        if (!levelIds.has(reply.level)) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'quickReplies', replyIndex, 'level'],
            message: `unknown level "${reply.level}"`,
          });
        }
      });
    });
    if (playbook.thresholds.warm > playbook.thresholds.handoff) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'warm'], message: 'must not exceed thresholds.handoff' });
    }
  });

export type Playbook = z.infer<typeof playbookSchema>;
export type Dimension = Playbook['dimensions'][number];
export type Level = Dimension['levels'][number];
export type Knockout = Playbook['knockouts'][number];
export type QuickReply = Dimension['quickReplies'][number];
export type Vocabulary = Playbook['vocabulary'];
export type Phrases = z.infer<typeof phrases>;
