import { RewriteError } from './errors.js';
import { type FuelStats, meterCodeSection } from './fuel.js';
import { appendFuelExport, appendFuelGlobal } from './globals.js';
import { type ImportCounts, rewriteImportSection } from './imports.js';
import { rewriteMemorySection } from './memory.js';
import { customSectionName, withoutLabelNames } from './names.js';
import { Reader } from './reader.js';
import { type Section, SectionId, readSections, sectionRank } from './sections.js';
import { readFunctionSection, readTypeSection } from './types.js';
import { ByteWriter } from './writer.js';

export interface ModulePlan {
  fuel: boolean;
  capPages: number;
  initialFuel: bigint;
}

export interface ModuleResult {
  bytes: Uint8Array;
  fuelGlobalExport: string | undefined;
  stats: FuelStats;
}

/** Walks the sections once, rewriting imports, memories, globals, exports and code; copies the rest. */
export function rewriteModule(bytes: Uint8Array, plan: ModulePlan): ModuleResult {
  const sections = readSections(bytes);
  const out = new ByteWriter(Math.ceil(bytes.length * (plan.fuel ? 1.6 : 1.01)) + 64);
  out.copy(bytes, 0, 8);
  let imports: ImportCounts = { functions: 0, globals: 0, memories: 0 };
  let typeParams: number[] = [];
  let params: number[] = []; // of each defined function
  let fuel = false; // decided at the function section: nothing to meter without functions
  let fuelGlobal = -1;
  let fuelGlobalExport: string | undefined;
  let stats: FuelStats = { functions: 0, segments: 0 };

  const emit = (id: number, write: (w: ByteWriter) => void): void => {
    out.u8(id);
    const mark = out.beginSized(1); // a section is written once: a minimal size, moving its content
    write(out);
    out.endSized(mark);
  };
  const addGlobal = (r: Reader | undefined): void =>
    emit(SectionId.global, (w) => { fuelGlobal = imports.globals + appendFuelGlobal(r, w, plan.initialFuel); });
  const addExport = (r: Reader | undefined): void =>
    emit(SectionId.export, (w) => { fuelGlobalExport = appendFuelExport(r, w, fuelGlobal); });
  // Sections the fuel counter needs but the module lacks go where the binary order wants them.
  const insertMissing = (rank: number): void => {
    if (!fuel) return;
    if (fuelGlobal < 0 && rank > sectionRank(SectionId.global)) addGlobal(undefined);
    if (fuelGlobalExport === undefined && rank > sectionRank(SectionId.export)) addExport(undefined);
  };

  for (const section of sections) {
    const r = new Reader(bytes, section.contentStart, section.end);
    if (section.id !== SectionId.custom) insertMissing(sectionRank(section.id));
    switch (section.id) {
      case SectionId.import:
        emit(section.id, (w) => { imports = rewriteImportSection(r, w, plan.capPages); });
        break;
      case SectionId.type:
        if (plan.fuel) typeParams = readTypeSection(r);
        copy(out, bytes, section);
        break;
      case SectionId.function:
        if (plan.fuel) params = readFunctionSection(r, typeParams);
        fuel = params.length > 0;
        copy(out, bytes, section);
        break;
      case SectionId.memory:
        emit(section.id, (w) => rewriteMemorySection(r, w, plan.capPages, imports.memories));
        break;
      case SectionId.global:
        if (fuel) addGlobal(r);
        else copy(out, bytes, section);
        break;
      case SectionId.export:
        if (fuel) addExport(r);
        else copy(out, bytes, section);
        break;
      case SectionId.code:
        if (fuel) {
          const code = { fuelGlobal, firstFunction: imports.functions, params };
          emit(section.id, (w) => { stats = meterCodeSection(r, w, code); });
        } else copy(out, bytes, section);
        break;
      case SectionId.custom:
        if (fuel && customSectionName(bytes, section) === 'name') {
          const names = withoutLabelNames(bytes, section);
          if (names) emit(SectionId.custom, (w) => w.copy(names, 0, names.length));
        } else copy(out, bytes, section);
        break;
      default:
        copy(out, bytes, section);
    }
  }
  insertMissing(Number.POSITIVE_INFINITY);
  if (fuel && stats.functions !== params.length) {
    throw new RewriteError('malformed', `function section declares ${params.length} functions but there is no code section`);
  }
  return { bytes: out.toBytes(), fuelGlobalExport, stats };
}

function copy(out: ByteWriter, bytes: Uint8Array, section: Section): void {
  out.copy(bytes, section.start, section.end);
}
