// Productions (Bates-numbered volumes handed to the other side) and the privilege log: the
// volumes with their progress, the evidence that may be produced, the audit's designations,
// verification, and the log's entries.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { keys } from './keys';

export type Production = Schemas['ProductionDto'];
export type ProductionDetail = Schemas['ProductionDetailDto'];
export type ProductionDocument = Schemas['ProductionDocumentDto'];
export type NewProduction = Schemas['CreateProductionDto'];
export type ReleasableVersion = Schemas['ReleasableVersionDto'];
export type ProductionVerification = Schemas['ProductionVerificationDto'];
export type PrivilegeLogEntry = Schemas['PrivilegeLogEntryDto'];
export type PrivilegeLogEntryInput = Schemas['PrivilegeLogEntryInputDto'];
export type PrivilegeType = Schemas['PrivilegeType'];
export type PrivilegeTreatment = Schemas['PrivilegeTreatment'];

export const productionKeys = {
  list: (auditId: string) => ['audit', auditId, 'productions'] as const,
  documents: (auditId: string, productionId: string, page: number) =>
    ['audit', auditId, 'productions', productionId, 'documents', page] as const,
  releasable: (auditId: string) => ['audit', auditId, 'releasable-evidence'] as const,
  designations: (auditId: string) => ['audit', auditId, 'production-designations'] as const,
  privilegeLog: (auditId: string) => ['audit', auditId, 'privilege-log'] as const,
};

/**
 * How often the list asks again while a volume is being produced (the worker reports progress)
 * or a release's emails are going out (another counsel's screen learns when they went or failed).
 */
const IN_PROGRESS_POLL_MS = 2000;

export function useProductions(auditId: string) {
  return useQuery({
    queryKey: productionKeys.list(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/productions', { params: { path: { auditId } } })),
    refetchInterval: (query) =>
      query.state.data?.items.some((p) => p.status === 'PRODUCING' || p.releases.some((r) => r.state === 'SENDING'))
        ? IN_PROGRESS_POLL_MS
        : false,
  });
}

/** Documents shown per page when a volume is opened. */
export const VOLUME_DOCUMENTS_PAGE_SIZE = 50;

/** One page of a volume's documents, in Bates order. */
export function useProductionDocuments(auditId: string, productionId: string, page: number) {
  return useQuery({
    queryKey: productionKeys.documents(auditId, productionId, page),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/productions/{productionId}/documents', {
          params: { path: { auditId, productionId }, query: { page, pageSize: VOLUME_DOCUMENTS_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The production log's export (every volume; the Excel file adds every produced document), for download links. */
export const productionLogExportUrl = (auditId: string, format: 'csv' | 'xlsx') =>
  `/api/audits/${auditId}/productions/log.${format}`;

export function useReleasableEvidence(auditId: string, enabled: boolean) {
  return useQuery({
    queryKey: productionKeys.releasable(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/releasable-evidence', { params: { path: { auditId } } })),
    enabled,
  });
}

export function useDesignations(auditId: string) {
  return useQuery({
    queryKey: productionKeys.designations(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/production-designations', { params: { path: { auditId } } })),
  });
}

function useAfterProductionChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [productionKeys.list(auditId), productionKeys.releasable(auditId), keys.activity(auditId)].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
}

export function useSaveDesignations(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (labels: string[]) =>
      unwrap(
        api.PUT('/api/audits/{auditId}/production-designations', { params: { path: { auditId } }, body: { labels } }),
      ),
    onSuccess: (saved) => client.setQueryData(productionKeys.designations(auditId), saved),
  });
}

export interface VolumePlan {
  volume: NewProduction;
  documents: { evidenceVersionId: string; designation: string }[];
  produce: boolean;
}

/**
 * Creates the draft, adds its documents one by one (the API takes one per call) and, when asked,
 * produces it. A refusal part-way leaves the draft as far as it got: the error says so, and the
 * draft stays in the list to finish or fix.
 */
export function useCreateVolume(auditId: string) {
  const done = useAfterProductionChange(auditId);
  return useMutation({
    mutationFn: async ({ volume, documents, produce }: VolumePlan) => {
      const draft = await unwrap(
        api.POST('/api/audits/{auditId}/productions', { params: { path: { auditId } }, body: volume }),
      );
      const path = { auditId, productionId: draft.id };
      try {
        for (const doc of documents)
          await unwrap(
            api.POST('/api/audits/{auditId}/productions/{productionId}/documents', { params: { path }, body: doc }),
          );
        if (produce)
          await unwrap(api.POST('/api/audits/{auditId}/productions/{productionId}/produce', { params: { path } }));
      } catch (error) {
        throw new PartialVolumeError(draft.name, error);
      }
      return draft;
    },
    onSettled: done,
  });
}

/** The draft was created but a later step was refused. */
export class PartialVolumeError extends Error {
  constructor(
    readonly volumeName: string,
    readonly cause: unknown,
  ) {
    super(
      `Draft ${volumeName} was saved, but not finished: ${cause instanceof Error ? cause.message : String(cause)} It stays in the list as a draft.`,
    );
  }
}

export function useProduce(auditId: string) {
  const done = useAfterProductionChange(auditId);
  return useMutation({
    mutationFn: (productionId: string) =>
      unwrap(
        api.POST('/api/audits/{auditId}/productions/{productionId}/produce', {
          params: { path: { auditId, productionId } },
        }),
      ),
    onSettled: done,
  });
}

export function useVerifyVolume(auditId: string) {
  const done = useAfterProductionChange(auditId);
  return useMutation({
    mutationFn: (productionId: string) =>
      unwrap(
        api.POST('/api/audits/{auditId}/productions/{productionId}/verify', {
          params: { path: { auditId, productionId } },
        }),
      ),
    onSuccess: done,
  });
}

export function usePrivilegeLog(auditId: string) {
  return useQuery({
    queryKey: productionKeys.privilegeLog(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/privilege-log', { params: { path: { auditId } } })),
  });
}

function useAfterLogChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [productionKeys.privilegeLog(auditId), keys.activity(auditId)].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
}

/** Adds an entry, or replaces the one named (the whole entry is sent, as the form shows it). */
export function useSaveLogEntry(auditId: string) {
  const done = useAfterLogChange(auditId);
  return useMutation({
    mutationFn: ({ entryId, body }: { entryId: string | null; body: PrivilegeLogEntryInput }) =>
      entryId
        ? unwrap(
            api.PUT('/api/audits/{auditId}/privilege-log/{entryId}', { params: { path: { auditId, entryId } }, body }),
          )
        : unwrap(api.POST('/api/audits/{auditId}/privilege-log', { params: { path: { auditId } }, body })),
    onSuccess: done,
  });
}

export function useDeleteLogEntry(auditId: string) {
  const done = useAfterLogChange(auditId);
  return useMutation({
    mutationFn: (entryId: string) =>
      unwrap(api.DELETE('/api/audits/{auditId}/privilege-log/{entryId}', { params: { path: { auditId, entryId } } })),
    onSuccess: done,
  });
}

/** The log's export, for download links. */
export const privilegeLogExportUrl = (auditId: string, format: 'csv' | 'xlsx' | 'pdf') =>
  `/api/audits/${auditId}/privilege-log/export.${format}`;
