import { OrgRole } from './enums';
import { describeOrderProblem, orderProblem, renumbered, shiftedDueDate, templateRefusal } from './structure-order';

describe('orderProblem', () => {
  it('accepts the same ids in another order', () => {
    expect(orderProblem(['a', 'b', 'c'], ['c', 'a', 'b'])).toBeNull();
  });

  it('names what is missing, unknown or repeated', () => {
    expect(orderProblem(['a', 'b', 'c'], ['a', 'a', 'x'])).toEqual({
      missing: ['b', 'c'],
      unknown: ['x'],
      repeated: ['a'],
    });
    expect(describeOrderProblem('requests', orderProblem(['a', 'b'], ['a'])!)).toBe(
      'The new order must list every one of the requests exactly once: 1 of the requests are missing from it. Reload the list and try again.',
    );
  });
});

describe('renumbered', () => {
  it('keeps the numbers the letter used, in ascending order', () => {
    expect(renumbered([5, 1, 2])).toEqual([1, 2, 5]);
  });
});

describe('shiftedDueDate', () => {
  it('keeps the distance to the deadline day, across months and years', () => {
    expect(shiftedDueDate('2023-06-01', '2023-06-07', '2024-01-03')).toBe('2023-12-28');
    expect(shiftedDueDate('2023-06-09', '2023-06-07', '2023-06-30')).toBe('2023-07-02');
  });

  it('is not moved by a daylight-saving change between the two dates', () => {
    expect(shiftedDueDate('2023-03-10', '2023-03-14', '2023-11-07')).toBe('2023-11-03');
  });
});

describe('templateRefusal', () => {
  const counsel = { userId: 'u1', orgRole: OrgRole.MEMBER, counselSomewhere: true };
  it('lets counsel save and rename, and delete only their own', () => {
    expect(templateRefusal(counsel, 'save')).toBeNull();
    expect(templateRefusal(counsel, 'rename', { createdById: 'u2' })).toBeNull();
    expect(templateRefusal(counsel, 'delete', { createdById: 'u1' })).toBeNull();
    expect(templateRefusal(counsel, 'delete', { createdById: 'u2' })).toMatch(/Only the person who saved/);
    expect(templateRefusal(counsel, 'delete', { createdById: null })).toMatch(/Only the person who saved/);
  });

  it('refuses people who are counsel nowhere, and lets org admins do everything', () => {
    const contributor = { userId: 'u3', orgRole: OrgRole.MEMBER, counselSomewhere: false };
    expect(templateRefusal(contributor, 'save')).toMatch(/Only counsel and org admins/);
    const admin = { userId: 'u4', orgRole: OrgRole.ADMIN, counselSomewhere: false };
    expect(templateRefusal(admin, 'delete', { createdById: 'u1' })).toBeNull();
  });
});
