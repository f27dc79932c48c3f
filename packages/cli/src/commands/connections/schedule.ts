import type { Context } from "../../context.js";
import { usageError } from "../../util/errors.js";
import { connectionOf } from "../../util/resources.js";

export async function run(ctx: Context, [idOrName, cron]: [string, string?], options: { manual?: boolean }) {
  if (cron !== undefined && options.manual) throw usageError("Pass a cron expression or --manual, not both.");
  const connection = await connectionOf(await ctx.workspace(), idOrName);
  if (cron !== undefined) await connection.setSchedule(cron);
  else if (options.manual) await connection.setManualSchedule();
  const { raw } = await connection.getInfo();
  const schedule = {
    connectionId: connection.connectionId,
    scheduleType: raw.schedule?.scheduleType ?? "manual",
    cronExpression: raw.schedule?.cronExpression ?? null,
  };
  await ctx.out.item(schedule, [
    { key: "connectionId", header: "Connection ID" },
    { key: "scheduleType", header: "Schedule" },
    { key: "cronExpression", header: "Cron (Quartz)" },
  ]);
  if (cron !== undefined || options.manual) {
    ctx.out.message(
      schedule.scheduleType === "cron"
        ? `Connection ${connection.connectionId} syncs on "${schedule.cronExpression}".`
        : `Connection ${connection.connectionId} syncs only when asked.`,
    );
  }
}
