import { demandLetterEntry } from './correspondence';

describe('demandLetterEntry', () => {
  const source = {
    demandingParty: 'Twitter, Inc.',
    demandingCounselName: 'Alex Spiro',
    demandingCounselFirm: 'Quinn Emanuel Urquhart & Sullivan LLP',
    respondingParty: 'Microsoft Corporation',
    letterDay: '2023-05-18',
    zone: 'America/New_York',
  };

  it('is the letter received from the demanding counsel, at noon of its day in the audit zone', () => {
    expect(demandLetterEntry(source)).toEqual({
      occurredAt: new Date('2023-05-18T16:00:00.000Z'),
      timeZone: 'America/New_York',
      direction: 'RECEIVED',
      channel: 'LETTER',
      fromParty: 'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP for Twitter, Inc.',
      toParty: 'Microsoft Corporation',
      subject: 'Demand letter of 18 May 2023',
    });
  });

  it('names the party alone when the audit records no counsel', () => {
    const entry = demandLetterEntry({ ...source, demandingCounselName: null, demandingCounselFirm: null });
    expect(entry.fromParty).toBe('Twitter, Inc.');
  });
});
