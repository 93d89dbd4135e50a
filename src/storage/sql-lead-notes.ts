import type { LeadNote, LeadNoteRepository, VisitorRating } from './ports/lead-notes.js';
import type { Row } from './row-mappers.js';
import type { SqlRunner } from './sql-runner.js';

/** Lead notes and visitor ratings, in the same portable SQL on both engines. */
export class SqlLeadNoteRepository implements LeadNoteRepository {
  constructor(private readonly sql: SqlRunner) {}

  async addNote(note: LeadNote): Promise<LeadNote> {
    await this.sql.batch([
      {
        sql: 'INSERT INTO lead_notes (id, lead_id, conversation_id, handoff_id, sdr_id, author, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        params: [note.id, note.leadId, note.conversationId, note.handoffId ?? null, note.sdrId ?? null, note.author, note.text, note.createdAt],
      },
    ]);
    return note;
  }

  async notesOf(leadId: string): Promise<LeadNote[]> {
    const rows = await this.sql.all('SELECT * FROM lead_notes WHERE lead_id = ? ORDER BY created_at, id', [leadId]);
    return rows.map((row) => this.toNote(row));
  }

  async rate(rating: VisitorRating): Promise<VisitorRating> {
    await this.sql.batch([
      {
        sql: `INSERT INTO visitor_ratings (lead_id, conversation_id, rating, rated_at) VALUES (?, ?, ?, ?)
              ON CONFLICT (lead_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at`,
        params: [rating.leadId, rating.conversationId, rating.rating, rating.ratedAt],
      },
    ]);
    return rating;
  }

  async ratingOf(leadId: string): Promise<VisitorRating | undefined> {
    const [row] = await this.sql.all('SELECT * FROM visitor_ratings WHERE lead_id = ?', [leadId]);
    if (!row) return undefined;
    return { leadId: String(row.lead_id), conversationId: String(row.conversation_id), rating: Number(row.rating), ratedAt: this.sql.codec.time(row.rated_at) };
  }

  private toNote(row: Row): LeadNote {
    return {
      id: String(row.id),
      leadId: String(row.lead_id),
      conversationId: String(row.conversation_id),
      ...(row.handoff_id ? { handoffId: String(row.handoff_id) } : {}),
      ...(row.sdr_id ? { sdrId: String(row.sdr_id) } : {}),
      author: String(row.author),
      text: String(row.text),
      createdAt: this.sql.codec.time(row.created_at),
    };
  }
}
