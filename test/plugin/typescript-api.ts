/**
 * The public TypeScript API of provider/resource/ as the compiler sees it: the properties an Args
 * interface accepts (optional or not) and the outputs a resource class declares. The schema test
 * compares the plugin's schema with this, so that the two cannot drift apart.
 */
import { join } from "node:path";
import * as ts from "typescript";

const RESOURCE_DIR = join(__dirname, "..", "..", "provider", "resource");

export interface ApiProperty {
  name: string;
  /** Optional member (`?`) of an Args interface, or an output typed `… | undefined`. */
  optional: boolean;
  /** Its doc comment, white space collapsed. */
  doc: string;
}

export class TypeScriptApi {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(files: readonly string[]) {
    this.program = ts.createProgram(
      files.map((file) => join(RESOURCE_DIR, file)),
      { strict: true, skipLibCheck: true, esModuleInterop: true, target: ts.ScriptTarget.ES2022 },
    );
    this.checker = this.program.getTypeChecker();
  }

  /** Every property of an exported interface, inherited ones included. */
  argsOf(file: string, name: string): ApiProperty[] {
    const symbol = this.exported(file, name);
    const type = this.checker.getDeclaredTypeOfSymbol(symbol);
    return type.getProperties().map((p) => ({
      name: p.name,
      optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
      doc: this.docOf(p),
    }));
  }

  /** The properties a resource class declares itself (not those of pulumi's base classes). */
  outputsOf(file: string, name: string): ApiProperty[] {
    const symbol = this.exported(file, name);
    const declaration = symbol.declarations?.[0] as ts.ClassDeclaration;
    const outputs: ApiProperty[] = [];
    for (const member of declaration.members) {
      if (!ts.isPropertyDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
      const text = member.type?.getText() ?? "";
      const symbol = this.checker.getSymbolAtLocation(member.name)!;
      outputs.push({
        name: member.name.text,
        optional: /\|\s*undefined/.test(text),
        doc: this.docOf(symbol),
      });
    }
    return outputs;
  }

  private docOf(symbol: ts.Symbol): string {
    return ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).replace(/\s+/g, " ").trim();
  }

  private exported(file: string, name: string): ts.Symbol {
    const source = this.program.getSourceFile(join(RESOURCE_DIR, file));
    if (!source) throw new Error(`no ${file}`);
    const moduleSymbol = this.checker.getSymbolAtLocation(source)!;
    const found = this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
    if (!found) throw new Error(`${file} exports no ${name}`);
    return found.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(found) : found;
  }
}
