/**
 * What the engine's attempts work with (engine/ports.ts `AttemptInputSource`): the connection,
 * its source and destination with their secrets, and its state, turned from rows into the
 * engine's types.
 */
import type { Config } from "airbyte-ts";
import type { ActorInAttempt } from "../../engine/executor.js";
import type { AttemptInputs, AttemptInputSource } from "../../engine/ports.js";
import type { ActorRow } from "../../store/rows.js";
import type { ActorsService } from "../actors.js";
import type { ConnectionAccess } from "../connections/access.js";
import type { StateService } from "../state.js";

export class AttemptInputsService implements AttemptInputSource {
  constructor(
    private readonly connections: ConnectionAccess,
    private readonly actors: ActorsService,
    private readonly state: StateService,
  ) {}

  inputsOf(connectionId: string): AttemptInputs {
    const connection = this.connections.row(connectionId);
    const { state } = this;
    return {
      connection: {
        id: connection.id,
        name: connection.name,
        namespaceDefinition: connection.namespace_definition as Config.NamespaceDefinitionType,
        ...(connection.namespace_format !== null ? { namespaceFormat: connection.namespace_format } : {}),
        prefix: connection.prefix,
      },
      source: this.actorInAttempt(this.actors.sourceRow(connection.source_id)),
      destination: this.actorInAttempt(this.actors.destinationRow(connection.destination_id)),
      state: state.read(connectionId),
      checkpoints: {
        prepare: (checkpointId, pending) => state.prepareCheckpoint(connectionId, checkpointId, pending),
        confirm: (checkpointId) => state.confirmCheckpoint(connectionId, checkpointId),
        settle: (lastCommitted) => state.settleCheckpoint(connectionId, lastCommitted),
      },
    };
  }

  private actorInAttempt(row: ActorRow): ActorInAttempt {
    return {
      id: row.id,
      definitionId: row.definition_id,
      name: row.name,
      configuration: this.actors.configuration(row),
    };
  }
}
