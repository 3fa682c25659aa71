import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  AccountAction,
  Assign,
  DescribeAccountAction,
  Query,
  Reopen,
  Report,
  Rules,
  Resolve,
  ResolveMany,
  Unassign,
  UpdateReport,
} from '../../wailsjs/go/app/Queue'
import { app } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { isFinal, useJobsStore } from './jobs'

import {
  type ActionStatus,
  BULK_CAP,
  KEEP_AROUND,
  OUTBOX_CHANGED,
  PAGE_SIZE,
  QUEUE_CHANGED,
  type QueueError,
  type QueueFilters,
  REPORTS_NEW,
  defaultFilters,
  fromView,
  isActionView,
  refsOf,
  rowKey,
  toQueueError,
} from './queue-model'
export * from './queue-model'

export const useQueueStore = defineStore('queue', () => {
  const jobsStore = useJobsStore()

  const filters = ref<QueueFilters>(defaultFilters())
  /** Rows (or groups) matching the filter. */
  const total = ref(0)
  /** Reports matching the filter (differs from total in the grouped view). */
  const reports = ref(0)
  const facets = ref<app.QueueFacets | null>(null)
  const loading = ref(false)
  const error = ref<QueueError | null>(null)
  const loaded = ref(false)

  // The windows: page number → rows. A shallowRef of a Map, replaced on change.
  const pages = shallowRef<Map<number, app.QueueRow[]>>(new Map())
  const inflight = new Map<number, number>() // page → generation
  let generation = 0

  const selectedIndex = ref(-1)
  const selectedKey = ref<string | null>(null)
  /** Expanded groups, by row index. */
  const expanded = ref<Set<number>>(new Set())

  const detail = ref<app.ReportView | null>(null)
  const detailKey = ref<string | null>(null)
  const detailLoading = ref(false)
  const detailError = ref<QueueError | null>(null)
  let detailSeq = 0

  /** The last action per report, by rowKey. */
  const actions = ref<Record<string, ActionStatus>>({})

  /** Reports chosen for a bulk action, by rowKey of the row (a group stands for all its reports). */
  const bulk = ref<Record<string, app.ReportRef[]>>({})
  const bulkJobId = ref<string | null>(null)
  const bulkError = ref<QueueError | null>(null)

  /** New reports announced since the user last refreshed. */
  const newReports = ref(0)

  let offs: (() => void)[] = []

  function rowAt(i: number): app.QueueRow | undefined {
    return pages.value.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE]
  }

  function loadedRows(): { index: number; row: app.QueueRow }[] {
    const out: { index: number; row: app.QueueRow }[] = []
    for (const [p, rows] of pages.value) rows.forEach((row, j) => out.push({ index: p * PAGE_SIZE + j, row }))
    return out
  }

  const selectedRow = computed(() => (selectedIndex.value >= 0 ? rowAt(selectedIndex.value) : undefined))

  function toQuery(offset: number, limit: number): app.QueueQuery {
    const f = filters.value
    return {
      servers: [...f.servers],
      status: f.status,
      assigned: f.assigned,
      categories: [...f.categories],
      ruleId: f.ruleId,
      reporterOrigin: f.reporterOrigin,
      targetOrigin: f.targetOrigin,
      targetDomain: f.targetDomain.trim(),
      olderThanHours: f.olderThanHours,
      newerThanHours: f.newerThanHours,
      text: f.text.trim(),
      sort: f.sort,
      grouped: f.grouped,
      offset,
      limit,
    }
  }

  async function fetchPage(p: number, gen: number): Promise<void> {
    if (inflight.get(p) === gen) return
    inflight.set(p, gen)
    try {
      const page = await Query(toQuery(p * PAGE_SIZE, PAGE_SIZE))
      if (gen !== generation) return
      const next = new Map(pages.value)
      next.set(p, Array.isArray(page?.rows) ? page.rows : [])
      pages.value = next
      total.value = page?.total ?? 0
      reports.value = page?.reports ?? 0
      facets.value = page?.facets ?? null
      error.value = null
      loaded.value = true
    } catch (e) {
      if (gen === generation) error.value = toQueueError(e)
    } finally {
      if (inflight.get(p) === gen) inflight.delete(p)
    }
  }

  function restoreSelection() {
    if (selectedKey.value === null) return
    const hit = loadedRows().find(({ row }) => rowKey(row.server, row.reportId) === selectedKey.value)
    if (hit) selectedIndex.value = hit.index
    else if (selectedIndex.value >= total.value) selectedIndex.value = total.value - 1
    const row = selectedRow.value
    if (row && rowKey(row.server, row.reportId) !== selectedKey.value) selectedKey.value = rowKey(row.server, row.reportId)
  }

  /** Runs the query from the top (filters changed). */
  async function query(): Promise<void> {
    const gen = ++generation
    loading.value = true
    pages.value = new Map()
    expanded.value = new Set()
    try {
      await fetchPage(0, gen)
      if (gen !== generation) return
      const hit = loadedRows().find(({ row }) => rowKey(row.server, row.reportId) === selectedKey.value)
      if (hit) selectedIndex.value = hit.index
      else if (total.value > 0) select(0)
      else {
        selectedIndex.value = -1
        selectedKey.value = null
      }
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  /** Makes sure the rows start..end (inclusive) are loaded and drops windows far away from them. */
  function ensureRange(start: number, end: number): Promise<void> {
    const first = Math.max(0, Math.floor(Math.max(0, start) / PAGE_SIZE))
    const last = Math.max(first, Math.floor(Math.max(0, Math.min(end, Math.max(total.value - 1, 0))) / PAGE_SIZE))
    const keepFrom = first - KEEP_AROUND
    const keepTo = last + KEEP_AROUND
    const selPage = selectedIndex.value >= 0 ? Math.floor(selectedIndex.value / PAGE_SIZE) : -1
    let evicted = false
    const next = new Map(pages.value)
    for (const p of next.keys()) {
      if ((p < keepFrom || p > keepTo) && p !== selPage) {
        next.delete(p)
        evicted = true
      }
    }
    if (evicted) pages.value = next
    const work: Promise<void>[] = []
    for (let p = first; p <= last; p++) if (!pages.value.has(p)) work.push(fetchPage(p, generation))
    return Promise.all(work).then(() => undefined)
  }

  // Re-query of the loaded windows (queue:changed, new reports): coalesced.
  let refreshing: Promise<void> | null = null
  let refreshAgain = false
  function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true
      return refreshing
    }
    refreshing = (async () => {
      do {
        refreshAgain = false
        const gen = ++generation
        const loadedPages = [...pages.value.keys()]
        if (loadedPages.length === 0) loadedPages.push(0)
        await Promise.all(loadedPages.map((p) => fetchPage(p, gen)))
        restoreSelection()
        if (detailKey.value) {
          const [server, id] = splitKey(detailKey.value)
          void loadDetail(server, id, true)
        }
      } while (refreshAgain)
    })().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  function splitKey(key: string): [string, string] {
    const i = key.lastIndexOf('/')
    return [key.slice(0, i), key.slice(i + 1)]
  }

  function setFilters(patch: Partial<QueueFilters>): Promise<void> {
    filters.value = { ...filters.value, ...patch }
    return query()
  }

  function resetFilters(): Promise<void> {
    filters.value = defaultFilters()
    return query()
  }

  /** Selects a row by index and opens its report in the pane. */
  function select(i: number): void {
    if (total.value <= 0) return
    const idx = Math.max(0, Math.min(total.value - 1, i))
    selectedIndex.value = idx
    const row = rowAt(idx)
    if (row) {
      selectedKey.value = rowKey(row.server, row.reportId)
      void loadDetail(row.server, row.reportId)
    } else {
      selectedKey.value = null
      void ensureRange(idx, idx).then(() => {
        if (selectedIndex.value === idx) select(idx)
      })
    }
  }

  function move(delta: number): void {
    if (total.value <= 0) return
    select(selectedIndex.value < 0 ? 0 : selectedIndex.value + delta)
  }

  function toggleExpanded(i: number): void {
    const next = new Set(expanded.value)
    if (next.has(i)) next.delete(i)
    else next.add(i)
    expanded.value = next
  }

  async function loadDetail(server: string, id: string, quiet = false): Promise<void> {
    const seq = ++detailSeq
    const key = rowKey(server, id)
    if (detailKey.value !== key) {
      detail.value = null
      detailKey.value = key
    }
    if (!quiet) detailLoading.value = true
    try {
      const v = await Report(server, id)
      if (seq !== detailSeq) return
      detail.value = v
      detailError.value = null
    } catch (e) {
      if (seq !== detailSeq) return
      detailError.value = toQueueError(e)
    } finally {
      if (seq === detailSeq) detailLoading.value = false
    }
  }

  /** Opens a report (e.g. a related one or a group member) in the pane without moving the list selection. */
  function openReport(server: string, id: string): Promise<void> {
    return loadDetail(server, id)
  }

  // ---- actions -------------------------------------------------------------

  async function act(server: string, reportId: string, kind: string, call: () => Promise<app.ActionView>, actionType = ''): Promise<QueueError | null> {
    const key = rowKey(server, reportId)
    actions.value[key] = { id: '', kind, state: 'pending', actionType, errorKind: '', errorDetail: '', serverMessage: '', conflictReason: '' }
    try {
      const v = await call()
      const cur = actions.value[key]
      // An outbox:changed event may have overtaken the answer: keep the newer state.
      if (!(cur && cur.id === v.id && cur.state !== 'pending')) actions.value[key] = fromView(v)
      return null
    } catch (e) {
      const err = toQueueError(e)
      actions.value[key] = { ...actions.value[key], state: 'refused', error: err }
      return err
    }
  }

  const assign = (server: string, id: string) => act(server, id, 'assign', () => Assign(server, id))
  const unassign = (server: string, id: string) => act(server, id, 'unassign', () => Unassign(server, id))
  /** An optional note for the next resolve (GoToSocial's action_taken_comment; always kept in the journal). */
  const resolutionNote = ref('')
  const resolve = (server: string, id: string, comment = '') => act(server, id, 'resolve', () => Resolve(server, id, comment))
  const reopen = (server: string, id: string) => act(server, id, 'reopen', () => Reopen(server, id))
  const updateReport = (server: string, id: string, category: string, ruleIds: string[]) =>
    act(server, id, 'update_report', () => UpdateReport(server, id, category, [...ruleIds]))

  function accountAction(server: string, input: app.AccountActionInput): Promise<QueueError | null> {
    const req: app.AccountActionInput = {
      accountId: input.accountId,
      type: input.type,
      reportId: input.reportId,
      text: input.text,
      warningPresetId: input.warningPresetId,
      sendEmail: input.sendEmail === true,
    }
    return act(server, input.reportId, 'account_action', () => AccountAction(server, req), input.type)
  }

  /** What the server will also do (resolve reports, irreversible…). Throws a QueueError. */
  async function describe(server: string, accountId: string, type: string): Promise<app.EffectsView> {
    try {
      return await DescribeAccountAction(server, accountId, type)
    } catch (e) {
      throw toQueueError(e)
    }
  }

  function onOutboxChanged(payload: unknown) {
    if (!isActionView(payload)) return
    const key = rowKey(payload.server, payload.reportId)
    const cur = actions.value[key]
    if (!cur) return
    if (cur.id !== '' && cur.id !== payload.id) return
    actions.value[key] = fromView(payload)
  }

  function actionFor(server: string, reportId: string): ActionStatus | undefined {
    return actions.value[rowKey(server, reportId)]
  }

  // ---- bulk ----------------------------------------------------------------

  const bulkCount = computed(() => Object.values(bulk.value).reduce((n, refs) => n + refs.length, 0))
  const bulkJob = computed(() => (bulkJobId.value ? jobsStore.jobs[bulkJobId.value] : undefined))
  const bulkRunning = computed(() => !!bulkJob.value && !isFinal(bulkJob.value))

  function isBulk(server: string, reportId: string): boolean {
    return rowKey(server, reportId) in bulk.value
  }

  function toggleBulk(row: Pick<app.QueueRow, 'server' | 'reportId' | 'reportIds'>, refs?: app.ReportRef[]): void {
    const key = rowKey(row.server, row.reportId)
    const next = { ...bulk.value }
    if (key in next) delete next[key]
    else next[key] = refs ?? refsOf(row)
    bulk.value = next
  }

  function clearBulk(): void {
    bulk.value = {}
  }

  /** Selects every report of the current filter, up to BULK_CAP. Returns whether the cap cut it short. */
  async function selectAllInFilter(): Promise<boolean> {
    try {
      const page = await Query(toQuery(0, BULK_CAP))
      const next: Record<string, app.ReportRef[]> = {}
      let n = 0
      for (const row of page?.rows ?? []) {
        if (n >= BULK_CAP) break
        const refs = refsOf(row).slice(0, BULK_CAP - n)
        next[rowKey(row.server, row.reportId)] = refs
        n += refs.length
      }
      bulk.value = next
      bulkError.value = null
      return (page?.reports ?? 0) > n
    } catch (e) {
      bulkError.value = toQueueError(e)
      return false
    }
  }

  async function startBulk(refs: app.ReportRef[], comment: string): Promise<string | null> {
    if (refs.length === 0) return null
    bulkError.value = null
    let id: string
    try {
      id = await ResolveMany(refs, comment)
    } catch (e) {
      bulkError.value = toQueueError(e)
      return null
    }
    bulkJobId.value = id
    void jobsStore.track(id).then((job) => {
      if (job.state === 'done') clearBulk()
      void refresh()
    })
    return id
  }

  /** Resolves every report chosen for bulk as one job. */
  function resolveBulk(comment = ''): Promise<string | null> {
    return startBulk(Object.values(bulk.value).flat(), comment)
  }

  /** Resolves every report of a row's group (Shift+R). */
  function resolveGroup(row: Pick<app.QueueRow, 'server' | 'reportId' | 'reportIds'>, comment = ''): Promise<string | null> {
    return startBulk(refsOf(row), comment)
  }

  async function cancelBulk(): Promise<void> {
    if (!bulkJobId.value) return
    try {
      await jobsStore.cancel(bulkJobId.value)
    } catch (e) {
      bulkError.value = toQueueError(e)
    }
  }

  function dismissBulk(): void {
    if (bulkJobId.value && !bulkRunning.value) {
      jobsStore.forget(bulkJobId.value)
      bulkJobId.value = null
    }
  }

  // ---- new reports ---------------------------------------------------------

  function onReportsNew(payload: unknown) {
    const n = typeof payload === 'number' ? payload : Number(payload)
    if (!Number.isFinite(n) || n <= 0) return
    newReports.value += Math.floor(n)
    void refresh()
  }

  function acknowledgeNew(): void {
    newReports.value = 0
  }

  // ---- events --------------------------------------------------------------

  function on(name: string, cb: (...a: unknown[]) => void) {
    try {
      const off = EventsOn(name, cb)
      if (typeof off === 'function') offs.push(off)
    } catch {
      // No Wails runtime (plain browser during development): no live updates.
    }
  }

  function subscribe(): void {
    if (offs.length > 0) return
    on(QUEUE_CHANGED, () => void refresh())
    on(OUTBOX_CHANGED, (p) => onOutboxChanged(p))
    on(REPORTS_NEW, (p) => onReportsNew(p))
  }

  function unsubscribe(): void {
    for (const off of offs) off()
    offs = []
  }

  // Each server's rules (by id and text), for the "violated rule" filter and
  // the category dialog; fetched once per server from the cache.
  const rules = ref<Record<string, app.RuleView[]>>({})
  async function loadRules(server: string): Promise<app.RuleView[]> {
    if (rules.value[server]) return rules.value[server]
    try {
      const list = await Rules(server)
      rules.value[server] = Array.isArray(list) ? list : []
    } catch {
      rules.value[server] = []
    }
    return rules.value[server]
  }

  return {
    resolutionNote,
    rules,
    loadRules,
    filters,
    total,
    reports,
    facets,
    loading,
    error,
    loaded,
    pages,
    selectedIndex,
    selectedKey,
    selectedRow,
    expanded,
    detail,
    detailKey,
    detailLoading,
    detailError,
    actions,
    bulk,
    bulkCount,
    bulkJobId,
    bulkJob,
    bulkRunning,
    bulkError,
    newReports,
    rowAt,
    query,
    ensureRange,
    refresh,
    setFilters,
    resetFilters,
    select,
    move,
    toggleExpanded,
    loadDetail,
    openReport,
    assign,
    unassign,
    resolve,
    reopen,
    updateReport,
    accountAction,
    describe,
    actionFor,
    isBulk,
    toggleBulk,
    clearBulk,
    selectAllInFilter,
    resolveBulk,
    resolveGroup,
    cancelBulk,
    dismissBulk,
    acknowledgeNew,
    subscribe,
    unsubscribe,
  }
})

/** The actions of the report pane (and their shortcuts). */
