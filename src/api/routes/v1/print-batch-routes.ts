import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listPrintBatches, printBatchFile } from "../../../delivery/paper/print-batches.js";
import type { AppContext } from "../../context.js";
import { replyPdf } from "../../access.js";
import { ApiError } from "../../errors.js";
import { IsoDate } from "./shapes.js";

/** The print house's daily batches (docs/LETTERS.md § Paper): the list, and each day's PDF and manifest. The agency's own work. */
export const printBatchRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const dir = ctx.config.delivery.printDir;
    const Batch = z.object({ date: z.string(), letters: z.number(), pages: z.number(), pdfUrl: z.string(), manifestUrl: z.string() });
    app.get(
      "/print-batches",
      { config: { access: { agency: "read" } }, schema: { tags: ["cases"], summary: "The print batches written so far, newest first (paper off: none)", response: { 200: z.object({ items: z.array(Batch) }) } } },
      async () => ({
        items: (dir ? await listPrintBatches(dir) : []).map((b) => ({ ...b, pdfUrl: `/v1/print-batches/${b.date}/pdf`, manifestUrl: `/v1/print-batches/${b.date}/manifest` })),
      }),
    );
    app.get(
      "/print-batches/:date/:part",
      { config: { access: { agency: "read" } }, schema: { tags: ["cases"], summary: "A day's print batch: the PDF for the print house, or its manifest (JSON)", params: z.object({ date: IsoDate, part: z.enum(["pdf", "manifest"]) }) } },
      async (req, reply) => {
        const file = dir ? await printBatchFile(dir, req.params.date, req.params.part) : null;
        if (!file) throw new ApiError(404, "not_found", `no print batch for ${req.params.date}`);
        if (req.params.part === "pdf") return replyPdf(reply, file, `fordring-print-${req.params.date}.pdf`);
        return reply.header("content-type", "application/json").header("content-disposition", `attachment; filename="fordring-print-${req.params.date}.manifest.json"`).send(file);
      },
    );
  };
