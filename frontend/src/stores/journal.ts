import { defineStore } from 'pinia'
import { ref } from 'vue'
import { Export, Query } from '../../wailsjs/go/app/Journal'
import { app } from '../../wailsjs/go/models'
import { toQueueError, type QueueError } from './queue'

export const JOURNAL_PAGE = 100
export const JOURNAL_ACTIONS = [
  'assign',
  'unassign',
  'resolve',
  'reopen',
  'update_report',
  'account_action',
  'approve',
  'reject',
  'enable',
  'unsilence',
  'unsuspend',
  'unsensitive',
] as const
export const JOURNAL_RESULTS = ['queued', 'done', 'failed', 'conflict', 'discarded'] as const

export interface JournalFilters {
  servers: string[]
  account: string
  actions: string[]
  results: string[]
  /** Date range as epoch milliseconds (the date picker's value), null for open ends. */
  range: [number, number] | null
  text: string
}

export function defaultJournalFilters(): JournalFilters {
  return { servers: [], account: '', actions: [], results: [], range: null, text: '' }
}

function day(ms: number, end: boolean): string {
  const d = new Date(ms)
  if (end) d.setHours(23, 59, 59, 999)
  else d.setHours(0, 0, 0, 0)
  return d.toISOString()
}

/** The local record of every action taken through Steward. */
export const useJournalStore = defineStore('journal', () => {
  const filters = ref<JournalFilters>(defaultJournalFilters())
  const entries = ref<app.JournalEntryView[]>([])
  const total = ref(0)
  const page = ref(1)
  const loading = ref(false)
  const error = ref<QueueError | null>(null)
  const exporting = ref(false)
  let seq = 0

  function toQuery(offset: number, limit: number): app.JournalQuery {
    const f = filters.value
    return {
      servers: [...f.servers],
      account: f.account.trim(),
      actions: [...f.actions],
      results: [...f.results],
      since: f.range ? day(f.range[0], false) : '',
      until: f.range ? day(f.range[1], true) : '',
      text: f.text.trim(),
      offset,
      limit,
    }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await Query(toQuery((page.value - 1) * JOURNAL_PAGE, JOURNAL_PAGE))
      if (mine !== seq) return
      entries.value = Array.isArray(res?.entries) ? res.entries : []
      total.value = res?.total ?? 0
      error.value = null
    } catch (e) {
      if (mine === seq) error.value = toQueueError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function setFilters(patch: Partial<JournalFilters>): Promise<void> {
    filters.value = { ...filters.value, ...patch }
    page.value = 1
    return load()
  }

  function setPage(p: number): Promise<void> {
    page.value = Math.max(1, p)
    return load()
  }

  /** Exports everything matching the filter; resolves with the saved path, '' if the user cancelled. Throws a QueueError. */
  async function exportAs(format: 'csv' | 'json'): Promise<string> {
    exporting.value = true
    try {
      const path = await Export(toQuery(0, 0), format)
      return typeof path === 'string' ? path : ''
    } catch (e) {
      throw toQueueError(e)
    } finally {
      exporting.value = false
    }
  }

  return { filters, entries, total, page, loading, error, exporting, load, setFilters, setPage, exportAs, toQuery }
})
