import { createServer, Server } from "http";
import { readFile } from "fs/promises";
import path from "path";

const TYPES: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".xml": "application/xml", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

/** Serves a folder on 127.0.0.1 at a free port (plain HTTP: the tests need no certificates). */
export async function serveFolder(root: string): Promise<{ url: string; close: () => Promise<void>; hold: { before?: (rel: string) => Promise<void> | void } }> {
  // A test may hold a request back (e.g. the Web Worker's script) to look at a state that is otherwise over too soon.
  const hold: { before?: (rel: string) => Promise<void> | void } = {};
  const server: Server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    await hold.before?.(rel);
    const file = path.join(root, rel || "index.html");
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, hold, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
