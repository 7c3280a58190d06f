import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import type { Route } from '../route.js';
import { notechCommand } from './notech.js';

export const COMMANDS = ['/notech'] as const;

/** Slash commands, by name (what `app.command('/notech', …)` would match). */
export function route(deps: ListenerDeps): Route {
  const notech = notechCommand(deps);
  return (args) => (args.command?.command === '/notech' ? notech(args as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs) : undefined);
}
