// The queue's model: constants, filter types, error mapping and the pure
// helpers the components share. The store itself is in queue.ts.
import { app } from '../../wailsjs/go/models'
import { errorMessage, toAppError, type AppError } from '../errors'

/** No payload: the queue's data changed, re-query the current window. */
export const QUEUE_CHANGED = 'queue:changed'
/** Payload: app.ActionView — an outbox action changed state. */
export const OUTBOX_CHANGED = 'outbox:changed'
/** Payload: number of new open reports (batched by the backend). */
export const REPORTS_NEW = 'reports:new'

/** Rows per window fetched with one Query. */
export const PAGE_SIZE = 200
/** Windows kept on either side of the visible ones; everything further away is dropped. */
export const KEEP_AROUND = 1
/** "Select all in this filter" selects at most this many reports. */
export const BULK_CAP = 1000

export type QueueStatus = 'open' | 'resolved' | 'all'
export type QueueAssigned = '' | 'me' | 'unassigned' | 'others'
export type Origin = '' | 'local' | 'remote'
export type QueueSort = 'newest' | 'oldest' | 'group_size'
export const CATEGORIES = ['spam', 'violation', 'legal', 'other'] as const
export const ACCOUNT_ACTION_TYPES = ['none', 'sensitive', 'disable', 'silence', 'suspend'] as const
export type AccountActionType = (typeof ACCOUNT_ACTION_TYPES)[number]
/** Account actions that need an explicit confirmation step. */
export const DESTRUCTIVE_TYPES: ReadonlySet<string> = new Set(['disable', 'silence', 'suspend'])

export interface QueueFilters {
  servers: string[]
  status: QueueStatus
  assigned: QueueAssigned
  categories: string[]
  ruleId: string
  reporterOrigin: Origin
  targetOrigin: Origin
  targetDomain: string
  olderThanHours: number
  newerThanHours: number
  text: string
  sort: QueueSort
  grouped: boolean
}

export function defaultFilters(): QueueFilters {
  return {
    servers: [],
    status: 'open',
    assigned: '',
    categories: [],
    ruleId: '',
    reporterOrigin: '',
    targetOrigin: '',
    targetDomain: '',
    olderThanHours: 0,
    newerThanHours: 0,
    text: '',
    sort: 'newest',
    grouped: false,
  }
}

/** Error details that only the queue produces; errors.ts drops unknown details, so they are kept here. */
export const QUEUE_DETAILS = ['unsupported_by_server'] as const

export interface QueueError extends AppError {
  /** A queue-specific detail (see QUEUE_DETAILS), translated under queue.errors.*. */
  queueDetail?: string
}

export function toQueueError(e: unknown): QueueError {
  const base = toAppError(e)
  let raw: unknown
  if (e !== null && typeof e === 'object' && !(e instanceof Error)) raw = (e as { detail?: unknown }).detail
  else if (typeof e === 'string' && e.trim().startsWith('{')) {
    try {
      raw = (JSON.parse(e) as { detail?: unknown }).detail
    } catch {
      raw = undefined
    }
  }
  if (typeof raw === 'string' && (QUEUE_DETAILS as readonly string[]).includes(raw)) return { ...base, queueDetail: raw }
  return base
}

/** The translated message of a queue error. */
export function queueErrorMessage(t: (key: string) => string, e: QueueError): string {
  if (e.queueDetail) return t(`queue.errors.${e.queueDetail}`)
  return errorMessage(t, e)
}

export const rowKey = (server: string, reportId: string) => `${server}/${reportId}`

/** The state of the last action taken on a report through this window. */
export interface ActionStatus {
  id: string
  kind: string
  state: string
  actionType: string
  errorKind: string
  errorDetail: string
  serverMessage: string
  conflictReason: string
  /** Set when the call itself was refused (nothing was queued). */
  error?: QueueError
}

export function fromView(v: app.ActionView): ActionStatus {
  return {
    id: v.id,
    kind: v.kind,
    state: v.state,
    actionType: v.actionType ?? '',
    errorKind: v.errorKind ?? '',
    errorDetail: v.errorDetail ?? '',
    serverMessage: v.serverMessage ?? '',
    conflictReason: v.conflictReason ?? '',
  }
}

export function isActionView(v: unknown): v is app.ActionView {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { id?: unknown }).id === 'string' &&
    typeof (v as { state?: unknown }).state === 'string'
  )
}

/** The report references a row stands for: the whole group in the grouped view. */
export function refsOf(row: Pick<app.QueueRow, 'server' | 'reportId' | 'reportIds'>): app.ReportRef[] {
  const ids = row.reportIds && row.reportIds.length > 0 ? row.reportIds : [row.reportId]
  return ids.map((reportId) => ({ server: row.server, reportId }))
}

export function supports(caps: app.Capability[] | null | undefined, key: string): boolean {
  if (!caps) return true // unknown: let the backend decide
  const c = caps.find((x) => x.key === key)
  return c ? c.supported : true
}


export type ActionCommand = 'assign' | 'unassign' | 'resolve' | 'reopen' | 'category' | 'accountAction'
/** Why an action cannot be used right now; the i18n key is queue.actions.<reason>. */
export type BlockReason = 'unsupported' | 'alreadyResolved' | 'notResolved' | 'noReport'

const CAPABILITY_OF: Partial<Record<ActionCommand, string>> = {
  assign: 'report_assign',
  unassign: 'report_assign',
  reopen: 'report_reopen',
  category: 'report_update',
}

/** Null when the action can be used on the report; otherwise the reason (shown on the disabled button). */
export function blockReason(cmd: ActionCommand, d: app.ReportView | null | undefined): BlockReason | null {
  if (!d) return 'noReport'
  const cap = CAPABILITY_OF[cmd]
  if (cap && !supports(d.capabilities, cap)) return 'unsupported'
  if (cmd === 'accountAction' && !ACCOUNT_ACTION_TYPES.some((ty) => supports(d.capabilities, `account_action_${ty}`))) {
    return 'unsupported'
  }
  if (cmd === 'resolve' && d.resolved) return 'alreadyResolved'
  if (cmd === 'reopen' && !d.resolved) return 'notResolved'
  return null
}

// The generated types the components need (components never import wailsjs/ themselves).
export type ReportView = app.ReportView
export type QueueRow = app.QueueRow
export type EffectsView = app.EffectsView
export type ActionView = app.ActionView
export type JournalEntry = app.JournalEntryView
export type FacetCount = app.FacetCount
