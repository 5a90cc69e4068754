import { DEFINITION_KINDS, type DefinitionKind } from '../definitions/types.js';
import { OpsledgerError } from '../errors/opsledger-error.js';

export interface IdSpec {
  id: string;
  /** The kind asked for (by a `kind:` prefix or an option); undefined lets the index say. */
  kind?: DefinitionKind;
}

/**
 * Read `ID` or `KIND:ID` (`action:ops`, `runbook:ops`, `role:ops`; ids never hold a colon), with the kind an option
 * gave (`--kind`/`--type`). Both given and different is USAGE. docs/history.md "Ids shared by several kinds".
 */
export function parseIdSpec(text: string, optionKind?: DefinitionKind): IdSpec {
  const colon = text.indexOf(':');
  if (colon < 0) return optionKind ? { id: text, kind: optionKind } : { id: text };
  const prefix = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!(DEFINITION_KINDS as readonly string[]).includes(prefix) || id === '') {
    throw new OpsledgerError('USAGE', `"${text}" is not an id or KIND:ID`, {
      hint: `Write the id alone, or prefix it with its kind: ${DEFINITION_KINDS.map((k) => `${k}:ID`).join(', ')}.`,
    });
  }
  const kind = prefix as DefinitionKind;
  if (optionKind && optionKind !== kind) {
    throw new OpsledgerError(
      'USAGE',
      `"${text}" names ${kind === 'action' ? 'an' : 'a'} ${kind} but --kind says ${optionKind}`,
      {
        hint: 'Give the kind once: as a prefix or with --kind.',
      },
    );
  }
  return { id, kind };
}
