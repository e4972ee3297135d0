import { toCsv } from '@app/report';

// The layout of a submitted response package, and its manifest as CSV (the JSON manifest is
// the same data). Paths are fixed words plus the evidence file names, made safe and unique.

export interface PackagePaths {
  letter: string;
  report: string;
  /** One per evidence file, in the order given. */
  evidence: string[];
  manifestJson: string;
  manifestCsv: string;
}

// Control characters are not allowed in names inside the ZIP.
const safeName = (fileName: string): string =>
  fileName
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 150) || 'file';

/** `evidence/001-<name>`, numbered so two files of one name never collide. */
export function packagePaths(evidenceFileNames: readonly string[]): PackagePaths {
  return {
    letter: 'response-letter.pdf',
    report: 'audit-report.pdf',
    evidence: evidenceFileNames.map((name, i) => `evidence/${String(i + 1).padStart(3, '0')}-${safeName(name)}`),
    manifestJson: 'manifest.json',
    manifestCsv: 'manifest.csv',
  };
}

export interface ManifestFacts {
  auditReference: string;
  version: number;
  submittedAt: string;
  submittedBy: { name: string; email: string };
  files: { path: string; sizeBytes: number; sha256: string }[];
}

/** One line per file, each repeating the package's reference, version, date and submitter. */
export function manifestCsv(manifest: ManifestFacts): Promise<Buffer> {
  return toCsv({
    name: 'Manifest',
    zone: 'UTC',
    rows: manifest.files,
    columns: [
      { header: 'Path', width: 40, value: (f) => f.path },
      { header: 'Size (bytes)', width: 12, value: (f) => f.sizeBytes },
      { header: 'SHA-256', width: 66, value: (f) => f.sha256 },
      { header: 'Audit reference', width: 20, value: () => manifest.auditReference },
      { header: 'Version', width: 8, value: () => manifest.version },
      { header: 'Submitted at', width: 24, value: () => manifest.submittedAt },
      {
        header: 'Submitted by',
        width: 30,
        value: () => `${manifest.submittedBy.name} <${manifest.submittedBy.email}>`,
      },
    ],
  });
}
