// Tests read response bodies as loosely typed JSON and assert their exact shape with toEqual.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions check the shape
type JsonBody = any;

export async function jsonBody(response: Response): Promise<JsonBody> {
  return (await response.json()) as JsonBody;
}
