import { ServiceUnavailableException } from '@nestjs/common';
import { RevokedSessions } from './revoked-sessions';

// A verifier that has not (yet, or for a while) heard from the feed: here one that never started following it.
describe('RevokedSessions without a current feed', () => {
  const unfed = () => new RevokedSessions({ service: 'unit', kafkaBrokers: '127.0.0.1:1' });

  it('refuses every token (503) where nobody else knows the sessions, and readiness depends on the feed', async () => {
    const verifier = unfed();
    await expect(verifier.isRevoked('9b2c3d4e-0000-4000-8000-000000000001')).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
    expect(verifier.critical).toBe(true);
  });

  it("asks the authority (the hotline's sessions) instead, and stays ready without the feed", async () => {
    const verifier = unfed();
    const asked: string[] = [];
    verifier.useAuthority(async (sessionId) => {
      asked.push(sessionId);
      return sessionId.endsWith('1');
    });
    await expect(verifier.isRevoked('9b2c3d4e-0000-4000-8000-000000000001')).resolves.toBe(true);
    await expect(verifier.isRevoked('9b2c3d4e-0000-4000-8000-000000000002')).resolves.toBe(false);
    expect(asked).toHaveLength(2);
    expect(verifier.critical).toBe(false);
  });
});
