// The moderation queue's keyboard map: a pure function from a key event to a
// command, so it can be tested without a DOM and listed in the help dialog.

export type QueueCommand =
  | 'next'
  | 'prev'
  | 'open'
  | 'search'
  | 'assign'
  | 'unassign'
  | 'resolve'
  | 'reopen'
  | 'category'
  | 'accountAction'
  | 'resolveGroup'
  | 'toggleSelect'
  | 'escape'
  | 'help'

export interface KeyBinding {
  command: QueueCommand
  /** What the help dialog shows (key names as printed on the keyboard). */
  keys: string[]
}

/** Every binding, in the order the help dialog lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { command: 'next', keys: ['j', '↓'] },
  { command: 'prev', keys: ['k', '↑'] },
  { command: 'open', keys: ['Enter', 'o'] },
  { command: 'search', keys: ['/'] },
  { command: 'assign', keys: ['a'] },
  { command: 'unassign', keys: ['u'] },
  { command: 'resolve', keys: ['r'] },
  { command: 'resolveGroup', keys: ['Shift+R'] },
  { command: 'reopen', keys: ['Shift+O'] },
  { command: 'category', keys: ['c'] },
  { command: 'accountAction', keys: ['x'] },
  { command: 'toggleSelect', keys: ['Space'] },
  { command: 'escape', keys: ['Esc'] },
  { command: 'help', keys: ['?'] },
]

/** The part of a KeyboardEvent the map looks at. */
export interface KeyLike {
  key: string
  shiftKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
  target?: EventTarget | null
}

const NON_TEXT_INPUTS: ReadonlySet<string> = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'])

/** True when the event goes to a place where the user types text. */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false
  const el = target as HTMLElement
  const tag = el.tagName.toLowerCase()
  if (tag === 'textarea' || tag === 'select') return true
  if (tag === 'input') return !NON_TEXT_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase())
  if (el.isContentEditable || el.getAttribute?.('contenteditable') === 'true') return true
  return false
}

/** The command of a key event, or null. Nothing but Escape fires while typing; no command uses Ctrl/Cmd/Alt. */
export function commandFor(ev: KeyLike): QueueCommand | null {
  if (ev.key === 'Escape' || ev.key === 'Esc') return 'escape'
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return null
  if (isTypingTarget(ev.target)) return null
  switch (ev.key) {
    case 'j':
    case 'ArrowDown':
      return 'next'
    case 'k':
    case 'ArrowUp':
      return 'prev'
    case 'Enter':
    case 'o':
      return 'open'
    case 'O':
      return 'reopen'
    case '/':
      return 'search'
    case 'a':
      return 'assign'
    case 'u':
      return 'unassign'
    case 'r':
      return 'resolve'
    case 'R':
      return 'resolveGroup'
    case 'c':
      return 'category'
    case 'x':
      return 'accountAction'
    case ' ':
    case 'Spacebar':
      return 'toggleSelect'
    case '?':
      return 'help'
    default:
      return null
  }
}

/**
 * Installs a keydown listener that dispatches commands. The handler returns
 * false when it did not use the command (the key's default then happens).
 * Returns the function that removes the listener.
 */
export function bindKeys(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  handle: (cmd: QueueCommand, ev: KeyboardEvent) => boolean | void,
): () => void {
  const listener = (e: Event) => {
    const ev = e as KeyboardEvent
    if (ev.defaultPrevented || ev.isComposing) return
    const cmd = commandFor(ev)
    if (!cmd) return
    if (handle(cmd, ev) !== false) ev.preventDefault()
  }
  target.addEventListener('keydown', listener)
  return () => target.removeEventListener('keydown', listener)
}
