import { decideDeletionUnderHold } from './legal-hold';

describe('decideDeletionUnderHold', () => {
  it('allows deletion when no hold is on', () => {
    expect(decideDeletionUnderHold({ legalHoldSince: null, legalHoldReason: null }, 'this evidence')).toEqual({
      allowed: true,
    });
  });

  it('refuses while a hold is on, naming the hold, its reason and what was to go', () => {
    const decision = decideDeletionUnderHold(
      { legalHoldSince: new Date('2023-06-01T09:30:00Z'), legalHoldReason: 'Litigation notice from Licensor Corp' },
      'this evidence',
    );
    expect(decision).toEqual({
      allowed: false,
      message:
        'The audit is under legal hold since 2023-06-01T09:30:00.000Z (reason: Litigation notice from Licensor Corp): this evidence cannot be deleted until lead counsel lifts the hold.',
    });
  });
});
