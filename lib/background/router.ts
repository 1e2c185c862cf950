/**
 * The background's one message listener. Routes are keyed by `Message['type']`:
 * the background's table must name every message type (a new message without a
 * handler, or an explicit `null` for those meant for content scripts and pages,
 * does not compile), and each handler gets its own message type and must return
 * its own reply type (lib/messages.ts `Replies`).
 */
import { browser } from 'wxt/browser';
import type { Message, Replies } from '../messages.ts';

export interface Sender { tab?: { id?: number }; frameId?: number; url?: string; id?: string }

type MessageOf<T extends Message['type']> = Extract<Message, { type: T }>;
/** undefined: not answered (e.g. a content-script message from a frame with no tab). */
type Handler<T extends Message['type']> = (msg: MessageOf<T>, sender: Sender) => Promise<Replies[T]> | undefined;

/** A service's part of the table. */
export type Routes<K extends Message['type']> = { [T in K]: Handler<T> };
/** The whole table: `null` marks a message the background does not take. */
export type AllRoutes = { [T in Message['type']]: Handler<T> | null };

export function dispatch(routes: Partial<AllRoutes>, msg: unknown, sender: Sender = {}): Promise<unknown> | undefined {
  const type = (msg as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(routes, type)) return undefined;
  const handler = routes[type as Message['type']] as Handler<Message['type']> | null;
  return handler ? handler(msg as Message, sender) : undefined;
}

/** Listens with part of the table (unit tests start one service at a time). */
export function listen(routes: Partial<AllRoutes>): void {
  browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => dispatch(routes, msg, sender));
}

/** Listens with the whole table (entrypoints/background.ts). */
export function routeMessages(routes: AllRoutes): void {
  listen(routes);
}
