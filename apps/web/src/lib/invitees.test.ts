import { describe, expect, it } from 'vitest';
import { readInvitees } from './invitees';

describe('readInvitees', () => {
  it("reads a mail program's To line, names kept, separated by semicolons or commas", () => {
    expect(readInvitees('Dana Ops <dana@client.com>; "Wu, Lee" <lee@client.com>, kim@client.com')).toEqual({
      people: [
        { email: 'dana@client.com', name: 'Dana Ops' },
        { email: 'lee@client.com', name: 'Wu, Lee' },
        { email: 'kim@client.com' },
      ],
      unreadable: [],
    });
  });

  it('reads one address per line, and a group as its members', () => {
    expect(
      readInvitees('ana@firm.com\n\n  ben@firm.com  \r\nApp owners: cy@client.com, di@client.com;').people,
    ).toEqual([
      { email: 'ana@firm.com' },
      { email: 'ben@firm.com' },
      { email: 'cy@client.com' },
      { email: 'di@client.com' },
    ]);
  });

  it('reads rows copied from a spreadsheet: the address cell, the other cells as the name', () => {
    expect(readInvitees('Dana\tOps\tdana@client.com\nlee@client.com\tLee Wu\n\tkim@client.com\t')).toEqual({
      people: [
        { email: 'dana@client.com', name: 'Dana Ops' },
        { email: 'lee@client.com', name: 'Lee Wu' },
        { email: 'kim@client.com' },
      ],
      unreadable: [],
    });
  });

  it('lists each address once, whatever its case, keeping the first', () => {
    expect(readInvitees('Dana <dana@client.com>\nDANA@client.com').people).toEqual([
      { email: 'dana@client.com', name: 'Dana' },
    ]);
  });

  it('gives back what holds no usable address, as written', () => {
    expect(readInvitees('ana@firm.com, Bob from IT, carl@firm\nDi\tOps')).toEqual({
      people: [{ email: 'ana@firm.com' }],
      unreadable: ['Bob from IT', 'carl@firm', 'Di Ops'],
    });
    expect(readInvitees('  \n ')).toEqual({ people: [], unreadable: [] });
  });
});
