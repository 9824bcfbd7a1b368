export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

/** Sends a text to a mobile number. Neither the number nor the text may ever reach a log or an error. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/** A text that did not go out; the reason names no number and no text, so it may be logged and shown. */
export class SmsDeliveryError extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable' | 'rejected' | 'provider-error',
    detail: string,
  ) {
    super(`SMS not sent (${reason}): ${detail}`);
    this.name = 'SmsDeliveryError';
  }
}
