/**
 * What a route looks at in Bolt's middleware arguments: the body's type and the payload's alias
 * Bolt sets for its kind (command, event, action, view, shortcut). A route tests the alias, as
 * the Bolt listener it replaced did, because only the alias says how Bolt sorted the request: a
 * body that carries `actions` is an action to Bolt whatever its `type`, with no `shortcut` or
 * `view`. The listener is then given Bolt's arguments whole, typed as its kind's (Bolt's own
 * union is too deep for TypeScript to narrow).
 */
export interface RequestArgs {
  body: { type?: unknown };
  command?: { command?: unknown };
  event?: { type?: unknown };
  action?: { action_id?: unknown };
  view?: { callback_id?: unknown };
  shortcut?: { type?: unknown; callback_id?: unknown };
}

/**
 * One kind's listeners: runs the listener for a request of that kind and returns its promise,
 * or returns undefined when the request is not one of them. The check is the same match a Bolt
 * listener's constraints make (a command name, an event type, an action or callback id).
 */
export type Route = (args: RequestArgs) => Promise<void> | undefined;
