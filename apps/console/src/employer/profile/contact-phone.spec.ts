import { CONTACT_PHONE, maskContactPhone } from './contact-phone';

describe('contact phone', () => {
  it('accepts the formats the employers service accepts', () => {
    for (const phone of ['13812345678', '028-12345678', '02812345678', '0831-1234567'])
      expect(CONTACT_PHONE.test(phone)).toBe(true);
    for (const phone of ['1381234567', '28-12345678', '+8613812345678', '138 1234 5678'])
      expect(CONTACT_PHONE.test(phone)).toBe(false);
  });

  it('masks mobiles and landlines, keeping only the last four digits of the number', () => {
    expect(maskContactPhone('13812345678')).toBe('138****5678');
    expect(maskContactPhone('028-12345678')).toBe('028-****5678');
    expect(maskContactPhone('02887654321')).toBe('028****4321');
    expect(maskContactPhone('123')).toBe('****');
  });
});
