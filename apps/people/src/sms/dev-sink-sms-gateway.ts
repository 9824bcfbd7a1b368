import { maskPhone } from '@platform/pii';
import { SmsGateway } from './sms-gateway';

export interface SunkMessage {
  id: number;
  phoneMasked: string;
  text: string;
  sentAt: string;
}

/**
 * Development and tests only (refused in production, see sms-config.ts): keeps the last 100 texts in memory
 * instead of sending them, so a developer reads a confirmation code on the console's dev page and tests read
 * it with `lastTo`. Only the masked number is ever shown.
 */
export class DevSinkSmsGateway implements SmsGateway {
  private readonly sent: Array<{ id: number; phone: string; text: string; sentAt: Date }> = [];
  private nextId = 1;

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ id: this.nextId++, phone, text, sentAt: new Date() });
    if (this.sent.length > 100) this.sent.shift();
  }

  /** Newest first, numbers masked. */
  messages(limit: number, offset: number): { items: SunkMessage[]; total: number } {
    const items = [...this.sent]
      .reverse()
      .slice(offset, offset + limit)
      .map((m) => ({
        id: m.id,
        phoneMasked: maskPhone(m.phone),
        text: m.text,
        sentAt: m.sentAt.toISOString(),
      }));
    return { items, total: this.sent.length };
  }

  /** The last text sent to this number (tests). */
  lastTo(phone: string): string | undefined {
    return [...this.sent].reverse().find((message) => message.phone === phone)?.text;
  }
}
