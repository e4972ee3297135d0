// Uploads go through XMLHttpRequest rather than fetch: only XHR reports upload progress. The
// request is the API's multipart form: metadata fields first, then the file.
import {
  ApiError,
  problemFrom,
  type Evidence,
  type EvidenceVersion,
  type Schemas,
  type SourceDocument,
  type SourceDocumentKind,
} from './client';

export interface UploadOptions {
  auditId: string;
  file: File;
  title: string;
  /** Responses of the audit the file supports. */
  responseIds: string[];
  /** Called with the fraction sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function uploadEvidenceFile({
  auditId,
  file,
  title,
  responseIds,
  onProgress,
  signal,
}: UploadOptions): Promise<Evidence> {
  const form = new FormData();
  form.append('title', title);
  for (const id of responseIds) form.append('responseIds', id);
  form.append('file', file, file.name);
  return sendForm<Evidence>(`/api/audits/${encodeURIComponent(auditId)}/evidence/files`, form, onProgress, signal);
}

/** A new version of an evidence file: the record keeps its earlier versions and their hashes. */
export function uploadEvidenceVersion({
  auditId,
  evidenceId,
  file,
  onProgress,
  signal,
}: {
  auditId: string;
  evidenceId: string;
  file: File;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}): Promise<EvidenceVersion> {
  const form = new FormData();
  form.append('file', file, file.name);
  const path = `/api/audits/${encodeURIComponent(auditId)}/evidence/${encodeURIComponent(evidenceId)}/versions`;
  return sendForm<EvidenceVersion>(path, form, onProgress, signal);
}

export interface SourceDocumentUpload {
  auditId: string;
  file: File;
  kind: SourceDocumentKind;
  title: string;
  /** YYYY-MM-DD: the date the document bears. */
  documentDate?: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function uploadSourceDocument({
  auditId,
  file,
  kind,
  title,
  documentDate,
  onProgress,
  signal,
}: SourceDocumentUpload): Promise<SourceDocument> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', title);
  if (documentDate) form.append('documentDate', documentDate);
  form.append('file', file, file.name);
  return sendForm<SourceDocument>(`/api/audits/${encodeURIComponent(auditId)}/documents`, form, onProgress, signal);
}

export interface CorrespondenceAttachmentUpload {
  auditId: string;
  entryId: string;
  file: File;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** One file to an entry of the correspondence log (listed under its file name). */
export function uploadCorrespondenceAttachment({
  auditId,
  entryId,
  file,
  onProgress,
  signal,
}: CorrespondenceAttachmentUpload): Promise<Schemas['CorrespondenceDto']> {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendForm(
    `/api/audits/${encodeURIComponent(auditId)}/correspondence/${encodeURIComponent(entryId)}/attachments`,
    form,
    onProgress,
    signal,
  );
}

export interface CertificationScanUpload {
  auditId: string;
  version: number;
  file: File;
  signerName: string;
  signerTitle: string;
  signerEntity: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** A certificate signed by hand: the signer's fields, then the scan. */
export function uploadCertificationScan({
  auditId,
  version,
  file,
  signerName,
  signerTitle,
  signerEntity,
  onProgress,
  signal,
}: CertificationScanUpload): Promise<Schemas['SubmissionCertificationDto']> {
  const form = new FormData();
  form.append('signerName', signerName);
  form.append('signerTitle', signerTitle);
  form.append('signerEntity', signerEntity);
  form.append('file', file, file.name);
  return sendForm<Schemas['SubmissionCertificationDto']>(
    `/api/audits/${encodeURIComponent(auditId)}/response-submissions/${version}/certification/scan`,
    form,
    onProgress,
    signal,
  );
}

/**
 * Posts a form with progress. Aborting `signal` (the user's Cancel, or leaving the page) stops
 * the transfer: the API sees the connection close and keeps nothing of the file.
 */
function sendForm<T>(
  url: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(JSON.parse(xhr.responseText) as T);
      } else reject(problemFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          title: 'Network error',
          detail: 'The upload was interrupted. Check the connection and try again.',
        }),
      );
    const cancelled = () => reject(new ApiError(0, { title: 'Cancelled', detail: 'The upload was cancelled.' }));
    xhr.onabort = cancelled;
    if (signal?.aborted) return cancelled();
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
