import {
  composeObjection,
  composeReservation,
  defaultPreliminaryStatement,
  generalObjections,
  DISPOSITION_LABEL,
  DISPOSITIONS,
  type Disposition,
  isRequestDisposed,
  requestDispositionLabel,
  reservationOfRights,
  subjectDispositionLines,
} from './formal-response';

describe('the formal response wording', () => {
  it('reserves nothing when no objection was raised', () => {
    for (const disposition of [...DISPOSITIONS, null])
      expect(composeReservation({ respondingParty: 'Acme Corp.', disposition, objectionCount: 0 })).toBeNull();
  });

  it('opens the response to an objected request with the general reservation, worded for the disposition', () => {
    expect(
      composeReservation({ respondingParty: 'Acme Corp.', disposition: 'COMPLY_IN_PART', objectionCount: 2 }),
    ).toBe(
      'Subject to and without waiving the foregoing objections, Acme Corp. will provide the information described below, and no more.',
    );
    expect(composeReservation({ respondingParty: 'Acme Corp.', disposition: 'COMPLY', objectionCount: 1 })).toBe(
      'Subject to and without waiving the foregoing objections, Acme Corp. will provide the information requested, as follows.',
    );
    expect(
      composeReservation({
        respondingParty: 'Acme Corp.',
        disposition: 'NO_RESPONSIVE_INFORMATION',
        objectionCount: 1,
      }),
    ).toContain('has found no information responsive to this Request');
    expect(composeReservation({ respondingParty: 'Acme Corp.', disposition: null, objectionCount: 1 })).toBe(
      'Subject to and without waiving the foregoing objections, Acme Corp. responds as follows.',
    );
  });

  it('gives every disposition its own reserved wording and label', () => {
    const wordings = DISPOSITIONS.map((disposition) =>
      composeReservation({ respondingParty: 'X', disposition, objectionCount: 1 }),
    );
    expect(new Set(wordings).size).toBe(DISPOSITIONS.length);
    expect(new Set(DISPOSITIONS.map((d) => DISPOSITION_LABEL[d])).size).toBe(DISPOSITIONS.length);
  });

  it('names the responding party generically when the audit has none', () => {
    expect(composeReservation({ respondingParty: '  ', disposition: 'OBJECT', objectionCount: 1 })).toMatch(
      /objections, the Responding Party will not provide/,
    );
  });

  it('words an objection as its standard text, then the provision relied on, then the specific note', () => {
    expect(
      composeObjection({ wording: 'The request is overbroad', provisionReference: 'VII', note: 'It covers all apps' }),
    ).toBe('The request is overbroad. See the Agreement, section VII. It covers all apps.');
    expect(composeObjection({ wording: 'The request is vague.', provisionReference: ' ', note: null })).toBe(
      'The request is vague.',
    );
  });

  it('states the demand answered in the default preliminary statement, and closes with a reservation of rights', () => {
    const statement = defaultPreliminaryStatement({
      respondingParty: 'Acme Corp.',
      demandingParty: 'Widget Inc.',
      agreementTitle: 'Widget Developer Agreement',
      auditClauseRef: 'VII',
      letterDate: '18 May 2023',
    });
    expect(statement).toContain('audit demand of Widget Inc. dated 18 May 2023');
    expect(statement).toContain('(section VII) of the Widget Developer Agreement');
    expect(reservationOfRights('Acme Corp.')).toMatch(/^Acme Corp\. reserves all of its rights/);
    expect(generalObjections('Acme Corp.')[0]).toMatch(/^Acme Corp\. objects to the demand/);
  });
});

describe('dispositions that differ by subject', () => {
  const own = (subjectName: string, disposition: Disposition | null, responseText: string | null = null) => ({
    subjectName,
    disposition,
    responseText,
  });

  it('prints one line per subject whose own disposition or text differs from the request', () => {
    const request = {
      disposition: 'COMPLY' as const,
      responseText: 'See the attached licence list.',
      subjectDispositions: [
        own('Billing', 'NOT_APPLICABLE', 'Billing was retired in 2021.'),
        own('CRM', 'COMPLY', ' See the attached licence list.\n'),
        own('Portal', null),
        own('Warehouse', 'COMPLY', 'Warehouse licences are listed separately.'),
        own('HR', 'OBJECT'),
      ],
    };
    expect(subjectDispositionLines(request)).toEqual([
      'As to Billing: Not applicable. Billing was retired in 2021.',
      'As to Warehouse: Will comply. Warehouse licences are listed separately.',
      'As to HR: Objects.',
    ]);
  });

  it('is disposed by its own disposition, or by one for every subject', () => {
    expect(isRequestDisposed({ disposition: 'OBJECT', subjectDispositions: [] })).toBe(true);
    expect(isRequestDisposed({ disposition: null, subjectDispositions: [] })).toBe(false);
    expect(isRequestDisposed({ disposition: null, subjectDispositions: [own('A', 'OBJECT'), own('B', null)] })).toBe(
      false,
    );
    const everySubject = { disposition: null, subjectDispositions: [own('A', 'OBJECT'), own('B', 'COMPLY')] };
    expect(isRequestDisposed(everySubject)).toBe(true);
    expect(requestDispositionLabel(everySubject)).toBe('Differs by subject');
    expect(requestDispositionLabel({ disposition: null, subjectDispositions: [own('A', null)] })).toBe(
      'Not yet decided',
    );
    expect(requestDispositionLabel({ disposition: 'OBJECT', subjectDispositions: [] })).toBe('Objects');
  });
});
