import { AuditRole, AuditStatus, type FormField, type FormValues, OrgRole, ResponseStatus } from '@app/domain';

// The reference case (the shared domain/CASE.md) as plain data for the demo seed:
// Twitter's compliance-audit demand to Microsoft of 18 May 2023. Texts are paraphrased;
// the people on the responding side and every answer and comment are fictional.
// Nothing outside prisma/seed may import this file: the product knows no particular audit.

/** "YYYY-MM-DD", a calendar day (stored as a @db.Date). */
export type CalendarDay = string;
/** An ISO instant with its offset, e.g. "2023-05-30T15:10:00-04:00". */
export type Instant = string;

/** Every demo user logs in with this password (it is printed by the seed). */
export const DEMO_PASSWORD = 'auditdesk-demo';

export type DemoUserKey =
  | 'admin'
  | 'leadCounsel'
  | 'paralegal'
  | 'reviewer'
  | 'xboxOwner'
  | 'bingOwner'
  | 'azureOwner'
  | 'powerPlatformOwner'
  | 'adsOwner'
  | 'viewer';

export interface DemoUser {
  key: DemoUserKey;
  email: string;
  name: string;
  /** What they do on the case; shown in the seed's summary only. */
  job: string;
  timeZone: string;
  orgRole: OrgRole;
  /** Role in the reference audit; null for an org admin, who acts as lead counsel anyway. */
  auditRole: AuditRole | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'admin',
    email: 'priya.raman@example.com',
    name: 'Priya Raman',
    job: 'Legal operations, org admin',
    timeZone: 'America/Los_Angeles',
    orgRole: OrgRole.ADMIN,
    auditRole: null,
  },
  {
    key: 'leadCounsel',
    email: 'daniel.okafor@example.com',
    name: 'Daniel Okafor',
    job: 'Lead counsel',
    timeZone: 'America/New_York',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.LEAD_COUNSEL,
  },
  {
    key: 'paralegal',
    email: 'maria.santos@example.com',
    name: 'Maria Santos',
    job: 'Paralegal',
    timeZone: 'America/New_York',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.COUNSEL,
  },
  {
    key: 'reviewer',
    email: 'helen.byrne@example.com',
    name: 'Helen Byrne',
    job: 'Senior counsel, reviewer',
    timeZone: 'Europe/Dublin',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.COUNSEL,
  },
  {
    key: 'xboxOwner',
    email: 'kenji.watanabe@example.com',
    name: 'Kenji Watanabe',
    job: 'Engineering manager, Xbox',
    timeZone: 'America/Los_Angeles',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.CONTRIBUTOR,
  },
  {
    key: 'bingOwner',
    email: 'sofia.lindqvist@example.com',
    name: 'Sofia Lindqvist',
    job: 'Program manager, Bing',
    timeZone: 'America/Los_Angeles',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.CONTRIBUTOR,
  },
  {
    key: 'azureOwner',
    email: 'arjun.mehta@example.com',
    name: 'Arjun Mehta',
    job: 'Engineering lead, Azure and Logic Apps',
    timeZone: 'America/Los_Angeles',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.CONTRIBUTOR,
  },
  {
    key: 'powerPlatformOwner',
    email: 'claire.dubois@example.com',
    name: 'Claire Dubois',
    job: 'Product manager, Power Platform',
    timeZone: 'Europe/Dublin',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.CONTRIBUTOR,
  },
  {
    key: 'adsOwner',
    email: 'marcus.chen@example.com',
    name: 'Marcus Chen',
    job: 'Engineering manager, Microsoft Advertising',
    timeZone: 'America/New_York',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.CONTRIBUTOR,
  },
  {
    key: 'viewer',
    email: 'tom.gallagher@example.com',
    name: 'Tom Gallagher',
    job: 'Chief compliance officer (read-only)',
    timeZone: 'America/New_York',
    orgRole: OrgRole.MEMBER,
    auditRole: AuditRole.VIEWER,
  },
];

export const REFERENCE_AUDIT = {
  title: 'Twitter Developer Agreement compliance audit',
  referenceCode: 'TWTR-MSFT-2023-05',
  status: AuditStatus.OPEN,
  demandingParty: 'Twitter, Inc. (now X Corp.)',
  demandingCounselName: 'Alex Spiro',
  demandingCounselFirm: 'Quinn Emanuel Urquhart & Sullivan LLP',
  /** Not in the public copies of the letter. */
  demandingCounselEmail: null,
  respondingParty: 'Microsoft Corporation',
  agreementTitle: 'Twitter Developer Agreement and Policy',
  agreementVersion: 'effective 10 March 2020',
  auditClauseRef: 'VII Compliance Audit',
  letterDate: '2023-05-18' as CalendarDay,
  receivedOn: '2023-05-18' as CalendarDay,
  /** The letter names the day only; 17:00 New York time is the team's working assumption. */
  deadline: { local: '2023-06-07T17:00', timeZone: 'America/New_York' },
  /** Approximate: press reports say "roughly the past two years"; see notes. */
  periodStart: '2021-05-01' as CalendarDay,
  periodEnd: '2023-04-30' as CalendarDay,
  createdBy: 'leadCounsel' as DemoUserKey,
  notes: [
    'Letter of 18 May 2023 from Alex Spiro (Quinn Emanuel) for Twitter to Microsoft (addressed to CEO Satya Nadella), sent by email and post, invoking the audit clause (Agreement section VII) for eight apps.',
    'Allegations: (1) rate limits exceeded or circumvented (II.D): over 780 million API calls and over 26 billion tweets retrieved in 2022 alone; one app\'s account information said it meant to let customers "go around throttling limits". (2) No use case identified for 6 of the 8 apps (I.B.1 and the Developer Policy). (3) At least one app sent data to locations referencing a government entity or agency (XII.C). (4) How Twitter content was stored and what was done with it (II.A(c), III.B and V are candidate provisions; mapping unverified).',
    "Period covered: each app's use up to April 2023, when Microsoft shut the apps down. The start date of 1 May 2021 is APPROXIMATE: press reports say roughly the past two years; the exact start is not verified.",
    'Deadline: response due 7 June 2023; the letter gives no time of day, 17:00 New York time is assumed.',
    "Related: on 25 April 2023 Microsoft Advertising's multi-platform smart campaigns (Digital Marketing Center) stopped supporting Twitter.",
    'Tension: section V requires deleting Licensed Material on termination while the legal hold for this audit forbids deletion; the hold prevails.',
  ].join('\n\n'),
} as const;

export interface ReferenceProvision {
  reference: string;
  title: string;
  text: string;
}

export const PROVISIONS: readonly ReferenceProvision[] = [
  {
    reference: 'I.B.1',
    title: 'Licence to use the Licensed Material (approved use case)',
    text: "Twitter grants the developer a non-exclusive, non-transferable, revocable licence to use the Licensed Material only to build and run the services described in the use case it disclosed and Twitter approved. Under the Developer Policy that use-case description is binding; a materially different use needs Twitter's approval first.",
  },
  {
    reference: 'II.D',
    title: 'Rate Limits',
    text: 'The developer will not exceed or get around the rate limits and other usage limits Twitter sets for the API, for example by spreading calls across several apps, accounts or credentials. Twitter may set and change those limits at its discretion.',
  },
  {
    reference: 'V',
    title: 'Term and Termination',
    text: 'Either party may end the Agreement. On termination the developer must stop using the Licensed Material and promptly delete all Twitter Content and other Licensed Material it holds, unless Twitter agrees otherwise in writing.',
  },
  {
    reference: 'VII',
    title: 'Compliance Audit',
    text: "Twitter, or a third party bound by confidentiality, may upon notice inspect and audit the records and activity related to the developer's API access. The developer must cooperate fully, giving access to the Licensed Material and the relevant records, and on request provide a written report, signed by an authorised representative, listing where Licensed Material and Twitter Content are deployed. This section survives for one year after termination.",
  },
  {
    reference: 'XII.C',
    title: 'Government Use',
    text: 'The developer will not make Twitter Content available to a government entity, or to anyone acting for one, except as the Agreement allows, and must give Twitter notice before a government entity uses its service or receives Twitter Content through it.',
  },
];

export interface ReferenceSubject {
  name: string;
  product: string;
  description?: string;
  owner: DemoUserKey;
}

/** The eight apps in the order the letter lists them. Products are inferred from the names. */
export const SUBJECTS: readonly ReferenceSubject[] = [
  { name: 'Xbox One Social', product: 'Xbox', owner: 'xboxOwner' },
  { name: 'Bing Pages', product: 'Bing', owner: 'bingOwner' },
  { name: 'Bing Pages 2', product: 'Bing', owner: 'bingOwner' },
  { name: 'Microsoft Azure', product: 'Azure', owner: 'azureOwner' },
  { name: 'Microsoft Power Platform', product: 'Power Platform', owner: 'powerPlatformOwner' },
  { name: 'Microsoft Ads', product: 'Microsoft Advertising', owner: 'adsOwner' },
  { name: 'Microsoft Global Ads', product: 'Microsoft Advertising', owner: 'adsOwner' },
  {
    name: 'Azure Logic Apps for Fairfax',
    product: 'Azure',
    description: '"Fairfax" is commonly read as Azure Government (unverified).',
    owner: 'azureOwner',
  },
];

export interface ReferenceRequest {
  ordinal: number;
  title: string;
  text: string;
  /** Reference of the provision it most relies on. */
  provision: string;
  /** Internal due date of the drafts for this request, in the audit's deadline zone. */
  draftDue: CalendarDay;
}

/** What the letter demands for each app (paraphrased; its own wording and numbering are unverified). */
export const REQUESTS: readonly ReferenceRequest[] = [
  {
    ordinal: 1,
    title: 'Twitter data held now, or held and destroyed',
    text: 'Describe in detail all Twitter data relating to this app that Microsoft holds now, and all Twitter data it held at any time during the period and has since destroyed: what the data is, how much of it, where it is or was kept, and when and how any of it was destroyed.',
    provision: 'V',
    draftDue: '2023-05-31',
  },
  {
    ordinal: 2,
    title: "All Twitter Content under Microsoft's control",
    text: "Provide all Twitter Content obtained through this app that is, or at any time during the period was, in Microsoft's possession, custody or control.",
    provision: 'VII',
    draftDue: '2023-06-02',
  },
  {
    ordinal: 3,
    title: 'Purpose and use case of the app',
    text: 'Describe the purpose of this app and every use case for which it used the Twitter API or Twitter Content, stating whether and when each use case was disclosed to and approved by Twitter.',
    provision: 'I.B.1',
    draftDue: '2023-05-31',
  },
  {
    ordinal: 4,
    title: 'How the data was stored and what was done with it',
    text: 'Explain how Twitter data obtained through this app was stored (systems, locations, retention periods) and everything that was done with it, including processing, analysis, combination with other data, and any disclosure or transfer to others.',
    provision: 'V',
    draftDue: '2023-06-01',
  },
  {
    ordinal: 5,
    title: 'Government entities that used the app or received Twitter data',
    text: 'Identify every government entity, or anyone acting for one, that used this app or received Twitter data or Twitter Content through it, and describe what was provided, when and how.',
    provision: 'XII.C',
    draftDue: '2023-06-01',
  },
  {
    ordinal: 6,
    title: 'Records of how the app used the API',
    text: "Provide records showing how this app used the Twitter API during the period: endpoints called, request volumes over time, the accounts and credentials used, and any measures taken to stay within, or to get around, Twitter's rate limits.",
    provision: 'II.D',
    draftDue: '2023-06-02',
  },
];

export interface ReferenceComment {
  author: DemoUserKey;
  at: Instant;
  body: string;
}

/** A response that is not NOT_STARTED, named by its subject and request ordinal. */
export interface ReferenceResponseState {
  subject: string;
  request: number;
  status: ResponseStatus;
  answer?: string;
  /** Required for APPROVED; the approver is always the case's reviewer. */
  approvedAt?: Instant;
  comments?: readonly ReferenceComment[];
}

/**
 * Every response is assigned to its app's owner and reviewed by the reviewer; the few
 * below have moved on from NOT_STARTED. All answers are invented drafts.
 */
export const RESPONSE_STATES: readonly ReferenceResponseState[] = [
  {
    subject: 'Xbox One Social',
    request: 3,
    status: ResponseStatus.APPROVED,
    answer:
      'The app showed public Tweets about games and players in the Xbox One community feed. Use: display of public Tweets only, with no analysis, storage beyond a 24-hour cache, or resale. The use-case description filed when the app was registered is attached from the developer portal export (exhibit X-3).',
    approvedAt: '2023-05-30T15:10:00-04:00',
    comments: [
      {
        author: 'reviewer',
        at: '2023-05-30T20:15:00+01:00',
        body: 'Approved. Keep the portal export as exhibit X-3 and cite it in the cover letter.',
      },
    ],
  },
  {
    subject: 'Xbox One Social',
    request: 5,
    status: ResponseStatus.NOT_APPLICABLE,
    answer:
      'Consumer feature with no government customers or tenants; no Twitter data was supplied to any government entity. Confirmed with the Xbox partner team on 26 May.',
  },
  {
    subject: 'Xbox One Social',
    request: 1,
    status: ResponseStatus.IN_REVIEW,
    answer:
      'Notes: the only Twitter data the app kept was the 24-hour cache behind the community feed; the figures come from the cache metrics export.',
  },
  {
    subject: 'Bing Pages',
    request: 1,
    status: ResponseStatus.IN_PROGRESS,
    answer:
      'Draft: the profile cards of brands that still have a Bing Pages profile keep their last fetched Tweets; confirming with the Bing team whether those are to be deleted.',
  },
  {
    subject: 'Microsoft Azure',
    request: 5,
    status: ResponseStatus.IN_PROGRESS,
    answer: 'Draft: one government tenant on Azure commercial had the connector enabled; it received no Twitter data.',
  },
  {
    subject: 'Bing Pages',
    request: 3,
    status: ResponseStatus.IN_REVIEW,
    answer:
      'Bing Pages let brands and public figures publish their official profile card in Bing results, including their recent Tweets. Draft position: the use case was disclosed in the 2019 app description; a copy of that description is still being located.',
  },
  {
    subject: 'Bing Pages 2',
    request: 1,
    status: ResponseStatus.IN_PROGRESS,
    answer:
      'Draft: profile and Tweet caches in the Bing Pages 2 store, purged when the app was shut down in April 2023. Still to confirm: backup retention and the date of the last purge.',
  },
  {
    subject: 'Microsoft Azure',
    request: 4,
    status: ResponseStatus.IN_PROGRESS,
    answer:
      'Draft: Tweets were fetched by a connector and passed through to customer workflows without being stored by Microsoft; connector logs keep request metadata (no Tweet text) for 30 days. To confirm with the connector team.',
  },
  {
    subject: 'Microsoft Power Platform',
    request: 3,
    status: ResponseStatus.IN_PROGRESS,
    answer:
      'Draft: the Twitter connector let makers read and post Tweets from their own flows and apps, using their own Twitter accounts.',
  },
  {
    subject: 'Microsoft Ads',
    request: 6,
    status: ResponseStatus.IN_PROGRESS,
    answer:
      "Draft: 2022 API call logs pulled from Ads telemetry, by endpoint and month. Reconciling our totals with the letter's figure of over 780 million calls before sharing.",
  },
  {
    subject: 'Microsoft Global Ads',
    request: 6,
    status: ResponseStatus.CHANGES_REQUESTED,
    answer:
      'Call volumes for 2022 are in the attached log summary. The app used a single set of credentials and stayed within the published limits.',
    comments: [
      {
        author: 'reviewer',
        at: '2023-06-01T16:40:00+01:00',
        body: 'Please split the volumes by month and by credential set, and check the "go around throttling limits" wording the letter quotes from the account information before we say the app stayed within the limits.',
      },
    ],
  },
  {
    subject: 'Azure Logic Apps for Fairfax',
    request: 5,
    status: ResponseStatus.IN_PROGRESS,
    answer: 'Draft: list of government tenants that had the Twitter connector enabled, from the tenant inventory.',
    comments: [
      {
        author: 'leadCounsel',
        at: '2023-05-26T11:20:00-04:00',
        body: 'Privileged and confidential. Do not name any tenant in the answer until we have discussed notice obligations; keep the inventory in the evidence folder for now.',
      },
      {
        author: 'azureOwner',
        at: '2023-05-26T09:05:00-07:00',
        body: 'Understood. The inventory export is in the evidence folder; the answer stays generic until we talk.',
      },
    ],
  },
];

export interface ReferenceFormTemplate {
  name: string;
  description: string;
  fields: FormField[];
  /** Ordinals of the requests whose form is a copy of it. */
  requests: readonly number[];
}

/** The organisation's form templates the case uses: what request 1 and request 5 ask of every app. */
export const FORM_TEMPLATES: readonly ReferenceFormTemplate[] = [
  {
    name: 'Data inventory',
    description:
      'What data of the other party an app holds, or held and destroyed: kinds, volume, period and deletion.',
    requests: [1],
    fields: [
      {
        key: 'categories',
        label: 'Data categories',
        help: 'Every kind of Twitter data the app held at any time during the period.',
        required: true,
        type: 'MULTIPLE_CHOICE',
        options: ['Tweets', 'User profiles', 'Engagement metrics', 'Direct messages', 'Media'],
      },
      {
        key: 'volume',
        label: 'Volume',
        help: 'At its largest during the period.',
        required: true,
        type: 'NUMBER',
        unit: 'records',
      },
      { key: 'period', label: 'Period held', required: true, type: 'DATE_RANGE' },
      { key: 'still_held', label: 'Still held', required: true, type: 'YES_NO' },
      {
        key: 'destroyed_on',
        label: 'Destroyed on',
        help: 'When the last copy was deleted.',
        required: false,
        type: 'DATE',
      },
      { key: 'how', label: 'How it was destroyed', required: false, type: 'LONG_TEXT' },
    ],
  },
  {
    name: 'Government access',
    description: 'Government entities that used an app or received data through it.',
    requests: [5],
    fields: [
      {
        key: 'entities',
        label: 'Government entities',
        help: 'One row per entity, or per tenant where the entity may not be named yet.',
        required: true,
        type: 'TABLE',
        columns: [
          { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
          { key: 'country', label: 'Country', type: 'SHORT_TEXT', required: true },
          { key: 'received', label: 'Received Twitter data', type: 'YES_NO', required: true },
          { key: 'period', label: 'Period', type: 'DATE_RANGE' },
        ],
      },
    ],
  },
];

/** Form values given so far (invented), on responses that have moved on from NOT_STARTED. */
export interface ReferenceFormAnswer {
  subject: string;
  request: number;
  values: FormValues;
}

/**
 * Enough for the comparison to say something: on request 1, Bing Pages still holds data where
 * the others destroyed it, and Bing Pages 2 (still in progress) has not given its volume yet;
 * on request 5 the two Azure apps name different tenants.
 */
export const FORM_ANSWERS: readonly ReferenceFormAnswer[] = [
  {
    subject: 'Xbox One Social',
    request: 1,
    values: {
      categories: ['Tweets', 'User profiles'],
      volume: 2_400_000,
      period: { from: '2021-05-01', to: '2023-04-25' },
      still_held: false,
      destroyed_on: '2023-04-28',
      how: 'The community feed cache was switched off and its store deleted on 28 April 2023; its backups expired by 26 May 2023.',
    },
  },
  {
    subject: 'Bing Pages',
    request: 1,
    values: {
      categories: ['Tweets', 'User profiles', 'Engagement metrics'],
      volume: 310_000,
      period: { from: '2021-05-01', to: '2023-04-30' },
      still_held: true,
    },
  },
  {
    subject: 'Bing Pages 2',
    request: 1,
    values: {
      categories: ['Tweets', 'User profiles'],
      period: { from: '2021-05-01', to: '2023-04-20' },
      still_held: false,
      destroyed_on: '2023-04-21',
      how: 'Profile and Tweet caches purged at shutdown; backup retention still to be confirmed.',
    },
  },
  {
    subject: 'Microsoft Azure',
    request: 5,
    values: {
      entities: [
        {
          entity: 'Government tenant A (name withheld pending review of notice obligations)',
          country: 'United Kingdom',
          received: false,
          period: { from: '2022-03-01', to: '2023-04-30' },
        },
      ],
    },
  },
  {
    subject: 'Azure Logic Apps for Fairfax',
    request: 5,
    values: {
      entities: [
        {
          entity: 'Federal agency tenant B (name withheld pending review of notice obligations)',
          country: 'United States',
          received: true,
          period: { from: '2021-09-01', to: '2023-04-30' },
        },
        {
          entity: 'State government tenant C (name withheld pending review of notice obligations)',
          country: 'United States',
          received: false,
          period: { from: '2022-01-15', to: null },
        },
      ],
    },
  },
];

export interface ReferenceObjection {
  /** A code of the objection library (seeded by the migration that made it). */
  code: string;
  provision?: string;
  note?: string;
}

export interface ReferenceDisposition {
  request: number;
  disposition: 'COMPLY' | 'COMPLY_IN_PART' | 'OBJECT' | 'NO_RESPONSIVE_INFORMATION' | 'NOT_APPLICABLE';
  responseText: string;
  objections?: readonly ReferenceObjection[];
}

/**
 * The formal response as counsel are drafting it (invented): two requests objected to in
 * part, request 5 still undecided, so the letter prints as a DRAFT.
 */
export const DRAFT_RESPONSE: {
  letter: { firmName: string; firmAddress: string; addresseeAddress: string; signerName: string; signerTitle: string };
  dispositions: readonly ReferenceDisposition[];
} = {
  letter: {
    firmName: 'Microsoft Corporation, Corporate, External and Legal Affairs',
    firmAddress: 'One Microsoft Way\nRedmond, WA 98052',
    addresseeAddress: '51 Madison Avenue\nNew York, NY 10010',
    signerName: 'Daniel Okafor',
    signerTitle: 'Lead counsel',
  },
  dispositions: [
    {
      request: 1,
      disposition: 'COMPLY',
      responseText:
        'For each app, Microsoft will describe the Twitter data it holds, the data it held during the period and has since deleted, where that data was kept and when it was deleted.',
    },
    {
      request: 2,
      disposition: 'COMPLY_IN_PART',
      responseText:
        'Microsoft will make available for inspection, at a time and place to be agreed, the Twitter Content it holds that was obtained through the eight apps during the period. It will not produce copies of Twitter Content that Twitter itself supplied and already holds.',
      objections: [
        {
          code: 'OVERBROAD',
          note: 'The Request seeks "all" Twitter Content, including content Twitter supplied and already holds.',
        },
        {
          code: 'UNDULY_BURDENSOME',
          provision: 'VII',
          note: 'The audit clause provides for inspection, not production of copies.',
        },
        {
          code: 'CONFIDENTIAL',
          note: "Content held in Microsoft's systems is mixed with its customers' confidential data.",
        },
      ],
    },
    {
      request: 3,
      disposition: 'COMPLY',
      responseText:
        'Microsoft will describe the purpose of each app and the use cases for which it called the Twitter API.',
    },
    {
      request: 4,
      disposition: 'COMPLY',
      responseText:
        'Microsoft will describe the systems in which Twitter data from each app was stored, their locations and retention periods, and the processing applied to it.',
    },
    {
      request: 6,
      disposition: 'COMPLY_IN_PART',
      responseText:
        'Microsoft will provide monthly API call volumes per app and the credentials used for the period from 1 May 2021 to 30 April 2023.',
      objections: [
        {
          code: 'OUTSIDE_PERIOD',
          note: 'Records from before 1 May 2021 fall outside the period covered by the demand.',
        },
        { code: 'UNDULY_BURDENSOME', provision: 'II.D', note: 'Request-level logs are not retained beyond 90 days.' },
      ],
    },
  ],
};

export interface ReferenceCorrespondence {
  /** A wall-clock time meant in timeZone. */
  local: string;
  timeZone: string;
  direction: 'RECEIVED' | 'SENT';
  channel: 'LETTER' | 'EMAIL' | 'CALL' | 'MEETING' | 'OTHER';
  from: string;
  to: string;
  subject: string;
  summary: string;
  /** Ordinals of the requests it concerns. */
  requests?: readonly number[];
}

/** What the letter itself says, for its entry (the entry's other fields come from the audit). */
export const DEMAND_LETTER_SUMMARY =
  'Letter from Alex Spiro (Quinn Emanuel) for Twitter to Microsoft, addressed to CEO Satya Nadella, sent by email and post. Invokes the audit clause (Agreement section VII) for eight apps and asks for a response by 7 June 2023.';

/**
 * The correspondence after the letter (invented, as practice goes, like the draft response):
 * the demand letter itself is the log's first entry, written from the audit.
 */
export const CORRESPONDENCE: readonly ReferenceCorrespondence[] = [
  {
    local: '2023-05-19T10:05',
    timeZone: 'America/Los_Angeles',
    direction: 'SENT',
    channel: 'EMAIL',
    from: 'Daniel Okafor, Microsoft Corporation',
    to: 'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP',
    subject: 'Receipt of your letter of 18 May 2023',
    summary:
      'Acknowledged receipt of the letter on behalf of Microsoft; said Microsoft is reviewing the requests and will respond by 7 June 2023; asked that further correspondence go to counsel.',
  },
  {
    local: '2023-05-24T14:00',
    timeZone: 'America/New_York',
    direction: 'SENT',
    channel: 'CALL',
    from: 'Daniel Okafor',
    to: 'Alex Spiro',
    subject: 'Scope of requests 2 and 6',
    summary:
      'Raised that request 2 reaches content Twitter itself supplied and already holds, and that request-level API logs are kept for 90 days only. Spiro asked for the concerns in writing.',
    requests: [2, 6],
  },
  {
    local: '2023-05-26T16:30',
    timeZone: 'America/New_York',
    direction: 'SENT',
    channel: 'LETTER',
    from: 'Daniel Okafor, Microsoft Corporation',
    to: 'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP',
    subject: 'Scope of the requests: follow-up to our call of 24 May',
    summary:
      'Set out in writing the concerns on requests 2 and 6 raised on the call, proposed inspection instead of copies for request 2, and reserved all rights.',
    requests: [2, 6],
  },
];
