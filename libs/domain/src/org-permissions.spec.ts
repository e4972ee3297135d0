import { OrgRole } from './enums';
import { mayOpenAudits, openAuditRefusal, userDirectoryRefusal } from './org-permissions';

describe('opening audits', () => {
  it('org admins always may, members only when an admin allowed them', () => {
    expect(mayOpenAudits({ orgRole: OrgRole.ADMIN, canOpenAudits: false })).toBe(true);
    expect(mayOpenAudits({ orgRole: OrgRole.MEMBER, canOpenAudits: true })).toBe(true);
    expect(mayOpenAudits({ orgRole: OrgRole.MEMBER, canOpenAudits: false })).toBe(false);
  });

  it('refuses a member without the permission in plain words', () => {
    expect(openAuditRefusal({ orgRole: OrgRole.MEMBER, canOpenAudits: false })).toMatch(/org admin/);
    expect(openAuditRefusal({ orgRole: OrgRole.MEMBER, canOpenAudits: true })).toBeNull();
  });
});

describe('the user directory', () => {
  it('is for org admins and counsel of some audit', () => {
    expect(userDirectoryRefusal({ orgRole: OrgRole.ADMIN, counselSomewhere: false })).toBeNull();
    expect(userDirectoryRefusal({ orgRole: OrgRole.MEMBER, counselSomewhere: true })).toBeNull();
    expect(userDirectoryRefusal({ orgRole: OrgRole.MEMBER, counselSomewhere: false })).toMatch(
      /counsel and org admins/,
    );
  });
});
