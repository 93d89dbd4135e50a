/** The tables of sales feedback about a lead (by `lead_id`): erased and purged with the lead. */
export const FEEDBACK_TABLES = ['verdicts', 'verdict_missing_signals', 'fact_corrections', 'crm_outcomes', 'lead_notes', 'visitor_ratings'] as const;
