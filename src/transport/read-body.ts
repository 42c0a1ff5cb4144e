// Reads what a response carries for error reports and list pages: JSON when it parses, text otherwise.

/** The body as JSON; as text when it is not JSON; undefined when empty. */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
