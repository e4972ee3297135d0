export class DemoUserDto {
  email: string;
  name: string;
  /** What they do on the demo case, e.g. "Lead counsel". */
  job: string;
}

export class DemoLoginsDto {
  /** The password every demo user logs in with. */
  password: string;
  users: DemoUserDto[];
}
