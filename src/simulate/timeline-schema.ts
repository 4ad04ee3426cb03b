// The timeline file format (JSON), validated with zod. Example and rules:
//
// { "vendors": [ {
//     "slug": "balena", "name": "Balena", "timeZone": "Etc/UTC",      // timeZone: IANA, default Etc/UTC
//     "platform"?: "statuspage" | "incidentio" | …,  // served format: any platform with a renderer
//     "pageId"?: "12 chars [a-z0-9]", "url"?: "https://status.balena.io", "createdAt"?: ISO,
//     "components": [ { "id": "…", "name": "API", "group"?: "balenaCloud", "description"?: "…" } ],
//     "steps": [ {
//       "afterMs": 1500,               // delay after the previous step (after start for step 0)
//       "at"?: ISO,                    // recorded time of this state: page.updated_at, component updated_at
//       "components"?: { "<id>": "degraded_performance" },   // leaves not listed are operational
//       "incidents"?: [ Incident ],    // the vendor's whole incident list at this step
//       "maintenances"?: [ Incident & { "scheduledFor": ISO, "scheduledUntil": ISO } ],
//       "api"?: "up" | "down"          // the vendor's API (GET /api/health, for probes); default up
//     } ] } ] }
// Incident: { id, name, status, impact, components?: [ids], updates: [Update, oldest first],
//   createdAt?, startedAt?, updatedAt?, monitoringAt?, resolvedAt?, shortlink? }; missing times
//   are derived from the updates. Update: { id, status, body, at, displayAt?, updatedAt?,
//   deliverNotifications?, affectedComponents?: null | [ { id, oldStatus, newStatus, name? } ] }.
// Each step replaces the vendor's state; updates are served newest first, as Statuspage does.
import { z } from 'zod';
import { isKnownTimeZone } from '../adapters/sim-kit/time-format.js';
import {
  componentStatuses,
  incidentImpacts,
  incidentStatuses,
  maintenanceStatuses,
} from '../adapters/sim-kit/types.js';
import { simPlatforms } from './platforms.js';

const instant = z.iso.datetime({ offset: true });
const sourceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1–64 characters [A-Za-z0-9_-]');
const componentStatus = z.enum(componentStatuses);

const updateSchema = z.strictObject({
  id: sourceId,
  status: z.enum([...incidentStatuses, ...maintenanceStatuses]),
  body: z.string(),
  at: instant,
  displayAt: instant.optional(),
  updatedAt: instant.optional(),
  deliverNotifications: z.boolean().default(true),
  affectedComponents: z
    .array(
      z.strictObject({
        id: sourceId,
        oldStatus: componentStatus,
        newStatus: componentStatus,
        name: z.string().optional(),
      }),
    )
    .nullable()
    .default(null),
});

const incidentSchema = z.strictObject({
  id: sourceId,
  name: z.string().min(1),
  status: z.enum([...incidentStatuses, ...maintenanceStatuses]),
  impact: z.enum(incidentImpacts),
  components: z.array(sourceId).default([]),
  updates: z.array(updateSchema).min(1, 'an incident needs at least one update'),
  createdAt: instant.optional(),
  startedAt: instant.optional(),
  updatedAt: instant.optional(),
  monitoringAt: instant.nullable().optional(),
  resolvedAt: instant.nullable().optional(),
  shortlink: z.string().optional(),
  scheduledFor: instant.optional(),
  scheduledUntil: instant.optional(),
});

const stepSchema = z.strictObject({
  afterMs: z.number().int().min(0).max(86_400_000),
  at: instant.optional(),
  components: z.record(z.string(), componentStatus).default({}),
  incidents: z.array(incidentSchema).default([]),
  maintenances: z.array(incidentSchema).default([]),
  /** The vendor's own API as probes see it (GET /api/health): 'down' answers 503. */
  api: z.enum(['up', 'down']).optional(),
});

const vendorSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a lowercase slug [a-z0-9-]'),
  name: z.string().min(1),
  platform: z.enum(simPlatforms).optional(),
  timeZone: z.string().refine(isKnownTimeZone, 'unknown IANA time zone').default('Etc/UTC'),
  pageId: z
    .string()
    .regex(/^[a-z0-9]{12}$/, 'expected 12 characters [a-z0-9]')
    .optional(),
  url: z.url().optional(),
  createdAt: instant.optional(),
  components: z
    .array(
      z.strictObject({
        id: sourceId,
        name: z.string().min(1),
        group: z.string().min(1).optional(),
        description: z.string().nullable().optional(),
      }),
    )
    .min(1),
  steps: z.array(stepSchema).min(1),
});

export const timelineSchema = z.strictObject({
  vendors: z.array(vendorSchema).min(1),
});

export type Timeline = z.output<typeof timelineSchema>;
export type TimelineVendor = Timeline['vendors'][number];
export type TimelineStep = TimelineVendor['steps'][number];
export type TimelineIncident = TimelineStep['incidents'][number];
