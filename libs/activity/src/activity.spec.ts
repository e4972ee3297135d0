import { creationChanges, deletionChanges, diffFields } from './activity';

describe('diffFields', () => {
  it('lists only fields whose value changed, with both values', () => {
    const before = { title: 'A', notes: 'x', due: new Date('2023-06-01T00:00:00Z') };
    expect(diffFields(before, { title: 'B', notes: 'x' })).toEqual({ title: { before: 'A', after: 'B' } });
  });

  it('treats undefined as untouched but null as cleared', () => {
    const before = { title: 'A', notes: 'x' as string | null };
    expect(diffFields(before, { title: undefined, notes: null })).toEqual({ notes: { before: 'x', after: null } });
  });

  it('compares dates by instant', () => {
    const before = { due: new Date('2023-06-01T00:00:00Z') };
    expect(diffFields(before, { due: new Date('2023-06-01T00:00:00Z') })).toEqual({});
    expect(diffFields(before, { due: new Date('2023-06-02T00:00:00Z') })).toEqual({
      due: { before: '2023-06-01T00:00:00.000Z', after: '2023-06-02T00:00:00.000Z' },
    });
  });
});

describe('creation and deletion changes', () => {
  it('record the given values from or to null, leaving out empty ones', () => {
    expect(creationChanges({ name: 'Bing Pages', product: null })).toEqual({
      name: { before: null, after: 'Bing Pages' },
    });
    expect(deletionChanges({ name: 'Bing Pages', product: undefined })).toEqual({
      name: { before: 'Bing Pages', after: null },
    });
  });
});
