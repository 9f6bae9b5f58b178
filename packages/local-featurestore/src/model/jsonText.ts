/**
 * A JSON text the model already holds (a stored record's features), answered as it is
 * rather than parsed and serialised again (http/messages.ts sendJson sends it unchanged).
 */
export class JsonText {
  constructor(readonly text: string) {}
}
