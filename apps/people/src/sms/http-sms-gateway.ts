import { Logger } from '@nestjs/common';
import { maskPhone } from '@platform/pii';
import { SmsDeliveryError, SmsGateway } from './sms-gateway';

export interface HttpSmsSettings {
  url: string;
  apiKey: string;
  sender: string;
  timeoutMs: number;
}

/**
 * The SMS provider over HTTP: `POST <url>` with JSON `{ to, sender, text }` and `Authorization: Bearer <key>`;
 * any 2xx is accepted. A slow provider is cut off after `timeoutMs`, and every failure becomes an
 * SmsDeliveryError that names neither the number nor the text (nor the provider's answer, which may echo them).
 */
export class HttpSmsGateway implements SmsGateway {
  private readonly logger = new Logger(HttpSmsGateway.name);

  constructor(private readonly settings: HttpSmsSettings) {}

  async send(phone: string, text: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.settings.apiKey}`,
        },
        body: JSON.stringify({ to: phone, sender: this.settings.sender, text }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      // A DOMException, not always an Error of this realm: told by its name.
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const failure = timedOut
        ? new SmsDeliveryError('timeout', `no answer within ${this.settings.timeoutMs} ms`)
        : new SmsDeliveryError('unreachable', 'the provider could not be reached');
      this.logger.warn({ to: maskPhone(phone), reason: failure.reason }, 'SMS not sent');
      throw failure;
    }
    // The body is drained, never read into a message: it may repeat the number or the text.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      const reason = response.status >= 500 ? 'provider-error' : 'rejected';
      this.logger.warn({ to: maskPhone(phone), status: response.status, reason }, 'SMS not sent');
      throw new SmsDeliveryError(reason, `the provider answered HTTP ${response.status}`);
    }
    this.logger.log({ to: maskPhone(phone) }, 'SMS sent');
  }
}
