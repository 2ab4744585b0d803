// Reads electron/store/schema-types.ts with the TypeScript compiler, so pg-schema-parity.test.ts can hold the Kysely
// table types to the migrated schema: for each table of `Database`, its columns in declaration order, the types a
// select returns (Generated<T> unwrapped) and whether an insert may leave the column out (Generated).
import path from 'node:path';
import ts from 'typescript';

export interface TypedColumn {
  name: string;
  /** The select type's members, sorted: e.g. ['null', 'string']. */
  types: string[];
  generated: boolean;
}

const FILE = path.resolve(__dirname, '../../electron/store/schema-types.ts');

const memberName = (t: ts.Type): string => {
  if (t.flags & ts.TypeFlags.StringLike) return 'string';
  if (t.flags & ts.TypeFlags.NumberLike) return 'number';
  if (t.flags & ts.TypeFlags.Null) return 'null';
  return `unexpected:${t.flags}`;
};

export const kyselyTableTypes = (): Record<string, TypedColumn[]> => {
  const program = ts.createProgram([FILE], {
    strict: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2023,
    skipLibCheck: true,
    noEmit: true,
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (errors.length) throw new Error(`schema-types.ts does not compile: ${errors.join('; ')}`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(FILE)!;
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  );
  if (!database) throw new Error('schema-types.ts has no Database interface');
  const tables: Record<string, TypedColumn[]> = {};
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(database))) {
    tables[table.name] = checker.getPropertiesOfType(checker.getTypeOfSymbol(table)).map((column) => {
      const declared = checker.getTypeOfSymbol(column);
      const select = declared.getProperty('__select__');
      const type = select ? checker.getTypeOfSymbol(select) : declared;
      const members = type.isUnion() ? type.types : [type];
      return { name: column.name, types: [...new Set(members.map(memberName))].sort(), generated: !!select };
    });
  }
  return tables;
};
