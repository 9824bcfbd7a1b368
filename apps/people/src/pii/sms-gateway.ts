import { Injectable } from '@nestjs/common';

export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

/** Sends a text to a mobile number. The message and number must never be logged. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/**
 * No SMS provider is contracted yet: this keeps the last messages in memory (bounded) so dev and tests can
 * read the code that "was sent". Replace with the provider's client in production.
 */
@Injectable()
export class RecordingSmsGateway implements SmsGateway {
  private readonly sent: Array<{ phone: string; text: string }> = [];

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    if (this.sent.length > 100) this.sent.shift();
  }

  lastTo(phone: string): string | undefined {
    return [...this.sent].reverse().find((message) => message.phone === phone)?.text;
  }
}
