import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { notechCommand } from './notech.js';

export const COMMANDS = ['/notech'] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.command('/notech', notechCommand(deps));
}
