/** An internal note an SDR wrote on a lead: for the team only, never sent to the visitor. */
export interface LeadNote {
  id: string;
  leadId: string;
  conversationId: string;
  handoffId?: string;
  sdrId?: string;
  /** The SDR's display name when they wrote it. */
  author: string;
  text: string;
  createdAt: string;
}

/** The visitor's rating of a conversation after it closed: 1 (bad) to 5 (very good). */
export interface VisitorRating {
  leadId: string;
  conversationId: string;
  rating: number;
  ratedAt: string;
}

/** Internal notes and visitor ratings of leads; both go with the lead (erasure, purge, person export). */
export interface LeadNoteRepository {
  addNote(note: LeadNote): Promise<LeadNote>;
  /** Oldest first. */
  notesOf(leadId: string): Promise<LeadNote[]>;
  /** One rating per lead: a second one replaces the first (the visitor changed their mind). */
  rate(rating: VisitorRating): Promise<VisitorRating>;
  ratingOf(leadId: string): Promise<VisitorRating | undefined>;
}
