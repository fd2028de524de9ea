import Fastify from "fastify";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "./context.js";
import { errorHandler } from "./errors.js";
import { healthRoutes } from "./routes/health.js";
import { calculatorRoutes } from "./routes/calculator.js";

/**
 * The HTTP server: every route declared once with zod (validation, types and the OpenAPI
 * document at /docs come from the same schema).
 */
function createFastify(ctx: AppContext) {
  return Fastify({ loggerInstance: ctx.logger }).withTypeProvider<ZodTypeProvider>();
}
export type Server = ReturnType<typeof createFastify>;

export async function buildServer(ctx: AppContext): Promise<Server> {
  const app = createFastify(ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: "not_found", message: `no route ${req.method} ${req.url}` } });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Fordring API",
        version: ctx.version,
        description:
          "Open debt collection between a creditor's ledger and the collection workflow. Amounts are decimal strings " +
          '("202.45") in the currency given; dates are calendar dates (YYYY-MM-DD). Every computed number carries its legal source.',
      },
      tags: [
        { name: "system", description: "Health and documentation" },
        { name: "calculator", description: "Interest, fees and salær as the law allows them, with sources" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });

  await app.register(healthRoutes(ctx));
  await app.register(calculatorRoutes(ctx), { prefix: "/v1" });
  return app;
}
