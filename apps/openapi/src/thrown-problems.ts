import ts from 'typescript';

/** What a function can end in, found from its body and everything it calls in the project. */
export interface ThrownProblems {
  /** Problem codes it can throw. */
  codes: Set<string>;
  /** Whether it reaches the database (any call into TypeORM or pg). */
  touchesDatabase: boolean;
}

interface FunctionSummary extends ThrownProblems {
  /** Codes that are whatever the caller passes as this parameter (a helper like `conflict(code)`). */
  codeParameters: Set<number>;
}

export interface ProblemConstruction {
  at: string;
  codes: string[];
  status: number | undefined;
  detail: string | undefined;
}


const PROBLEM_BASE = 'ProblemException';
const DATABASE_PACKAGES = /[\\/]node_modules[\\/](typeorm|pg)[\\/]/;

/**
 * Follows calls from a route handler through the project's own code (services, repositories,
 * helpers), as the compiler resolves them, and collects every `new ...Problem(code, ...)` on the
 * way. A code is a string literal, a literal union (`` `${kind}.not_found` `` with a union `kind`),
 * or a parameter of a helper, which is then resolved at each call of it.
 */
export class ThrownProblemsAnalysis {
  private readonly checker: ts.TypeChecker;
  private readonly summaries = new Map<ts.Node, FunctionSummary>();
  /** Codes it could not reduce to literals: the generator refuses to guess. */
  readonly problems: string[] = [];

  constructor(private readonly program: ts.Program) {
    this.checker = program.getTypeChecker();
  }

  /** A method of a class, by class and method name (controllers, guards, interceptors). */
  ofMethod(className: string, methodName: string): ThrownProblems {
    const method = this.method(className, methodName);
    const summary = this.summarise(method);
    return { codes: new Set(summary.codes), touchesDatabase: summary.touchesDatabase };
  }

  /** Every problem construction in the project's sources, with its codes and status: for the registry. */
  constructions(): ProblemConstruction[] {
    const found: ProblemConstruction[] = [];
    for (const file of this.projectFiles()) {
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && this.isProblemClass(node)) {
          const detailArg = node.arguments?.[this.parameterIndex(node, 'detail') ?? -1];
          found.push({
            at: where(node),
            codes: this.literalCodes(node) ?? [],
            status: this.statusOf(node),
            detail: detailArg && ts.isStringLiteralLike(detailArg) ? detailArg.text : undefined,
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    return found;
  }

  private projectFiles(): ts.SourceFile[] {
    return this.program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
  }

  /** The declaration of a class's method in the project's sources. */
  method(className: string, methodName: string): ts.MethodDeclaration {
    const found: ts.MethodDeclaration[] = [];
    for (const file of this.projectFiles()) {
      ts.forEachChild(file, (node) => {
        if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
        for (const member of node.members) {
          if (ts.isMethodDeclaration(member) && member.body && ts.isIdentifier(member.name) && member.name.text === methodName) found.push(member);
        }
      });
    }
    if (found.length !== 1) throw new Error(`Expected one method ${className}.${methodName} in the project, found ${found.length}`);
    return found[0];
  }

  private summarise(fn: ts.Node): FunctionSummary {
    const known = this.summaries.get(fn);
    if (known) return known;
    const summary: FunctionSummary = { codes: new Set(), codeParameters: new Set(), touchesDatabase: false };
    // Registered before the walk, so recursion ends (a cycle contributes what is known so far).
    this.summaries.set(fn, summary);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && this.isProblemClass(node)) {
        this.addProblem(node, fn, summary);
      } else if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isDecorator(node)) {
        this.followCall(node as ts.CallLikeExpression, fn, summary);
        for (const arg of (ts.isDecorator(node) ? [] : node.arguments) ?? []) this.followPassedFunction(arg, summary);
      }
      ts.forEachChild(node, visit);
    };
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (body) visit(body);
    else ts.forEachChild(fn, visit);
    return summary;
  }

  private followCall(call: ts.CallLikeExpression, caller: ts.Node, summary: FunctionSummary): void {
    const declaration = this.checker.getResolvedSignature(call)?.declaration;
    if (!declaration || ts.isJSDocSignature(declaration)) return;
    const file = declaration.getSourceFile();
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) {
      if (DATABASE_PACKAGES.test(file.fileName)) summary.touchesDatabase = true;
      return;
    }
    if (!('body' in declaration) || !declaration.body) return;
    const callee = this.summarise(declaration);
    for (const code of callee.codes) summary.codes.add(code);
    summary.touchesDatabase ||= callee.touchesDatabase;
    const args = ts.isCallExpression(call) || ts.isNewExpression(call) ? (call.arguments ?? []) : [];
    for (const index of callee.codeParameters) {
      const arg = args[index];
      if (arg) this.addCodeExpression(arg, caller, summary, call);
      else this.addDeclaredCodes(declaration, index, summary);
    }
  }

  /** A function handed to another (`orNotFound(rows, holidayNotFound)`) may be called by it: count what it throws. */
  private followPassedFunction(arg: ts.Expression, summary: FunctionSummary): void {
    if (!ts.isIdentifier(arg) && !ts.isPropertyAccessExpression(arg)) return;
    let symbol = this.checker.getSymbolAtLocation(arg);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    let declaration: ts.Node | undefined = symbol?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration)) declaration = declaration.initializer;
    if (!declaration || !(ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration) || ts.isMethodDeclaration(declaration))) {
      return;
    }
    if (declaration.getSourceFile().isDeclarationFile || !declaration.body) return;
    const passed = this.summarise(declaration);
    for (const code of passed.codes) summary.codes.add(code);
    for (const index of passed.codeParameters) this.addDeclaredCodes(declaration, index, summary);
    summary.touchesDatabase ||= passed.touchesDatabase;
  }

  private addProblem(node: ts.NewExpression, fn: ts.Node, summary: FunctionSummary): void {
    const index = this.parameterIndex(node, 'code');
    if (index === undefined) {
      this.problems.push(`${where(node)}: a problem class without a \`code\` parameter`);
      return;
    }
    const arg = node.arguments?.[index];
    if (!arg) {
      const fallback = this.defaultCode(node, index);
      if (!fallback) {
        this.problems.push(`${where(node)}: no code given and no default`);
        return;
      }
      summary.codes.add(fallback);
      return;
    }
    this.addCodeExpression(arg, fn, summary, node);
  }

  private addCodeExpression(arg: ts.Expression, fn: ts.Node, summary: FunctionSummary, site: ts.Node): void {
    // A helper's parameter first: each call then says which of its declared codes it passes.
    const parameter = this.parameterOf(arg, fn);
    if (parameter !== undefined) {
      summary.codeParameters.add(parameter);
      return;
    }
    const literals = literalsOf(this.checker.getTypeAtLocation(arg));
    if (literals) {
      for (const code of literals) summary.codes.add(code);
      return;
    }
    this.problems.push(`${where(site)}: cannot tell which problem code \`${arg.getText()}\` is; give it a literal (union) type`);
  }

  /** Without an argument to resolve it (a default, a function passed on), every code the parameter's type allows. */
  private addDeclaredCodes(fn: ts.Node, index: number, summary: FunctionSummary): void {
    const parameter = (fn as ts.FunctionLikeDeclaration).parameters[index];
    const literals = parameter && literalsOf(this.checker.getTypeAtLocation(parameter));
    if (literals) for (const code of literals) summary.codes.add(code);
    else this.problems.push(`${where(fn)}: cannot tell which problem codes parameter ${index} stands for`);
  }

  /** The index of `fn`'s parameter that `arg` names, if it names one. */
  private parameterOf(arg: ts.Expression, fn: ts.Node): number | undefined {
    if (!ts.isIdentifier(arg)) return undefined;
    const declaration = this.checker.getSymbolAtLocation(arg)?.valueDeclaration;
    if (!declaration || !ts.isParameter(declaration) || declaration.parent !== fn) return undefined;
    return (fn as ts.FunctionLikeDeclaration).parameters.indexOf(declaration);
  }

  private isProblemClass(node: ts.NewExpression): boolean {
    let type: ts.Type | undefined = this.checker.getTypeAtLocation(node);
    while (type) {
      if (type.getSymbol()?.getName() === PROBLEM_BASE) return true;
      const bases: ts.BaseType[] | undefined = type.isClass() ? this.checker.getBaseTypes(type) : undefined;
      type = bases?.[0];
    }
    return false;
  }

  private constructorOf(node: ts.NewExpression): ts.ConstructorDeclaration | undefined {
    const declaration = this.checker.getResolvedSignature(node)?.declaration;
    return declaration && ts.isConstructorDeclaration(declaration) ? declaration : undefined;
  }

  private parameterIndex(node: ts.NewExpression, name: string): number | undefined {
    const index = this.constructorOf(node)?.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
    return index === undefined || index < 0 ? undefined : index;
  }

  private defaultCode(node: ts.NewExpression, index: number): string | undefined {
    const initializer = this.constructorOf(node)?.parameters[index]?.initializer;
    return initializer && ts.isStringLiteralLike(initializer) ? initializer.text : undefined;
  }

  private literalCodes(node: ts.NewExpression): string[] | undefined {
    const index = this.parameterIndex(node, 'code');
    if (index === undefined) return undefined;
    const arg = node.arguments?.[index];
    if (!arg) {
      const fallback = this.defaultCode(node, index);
      return fallback ? [fallback] : undefined;
    }
    return literalsOf(this.checker.getTypeAtLocation(arg));
  }

  /** The status a construction answers: ProblemException's first argument, or the `super(status, ...)` of a subclass. */
  private statusOf(node: ts.NewExpression): number | undefined {
    const constructor = this.constructorOf(node);
    const statusIndex = constructor?.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'status') ?? -1;
    if (statusIndex >= 0) {
      const type = node.arguments?.[statusIndex] && this.checker.getTypeAtLocation(node.arguments[statusIndex]);
      return type?.isNumberLiteral() ? type.value : undefined;
    }
    let status: number | undefined;
    const visit = (child: ts.Node): void => {
      if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const first = child.arguments[0];
        if (first && ts.isNumericLiteral(first)) status = Number(first.text);
      }
      ts.forEachChild(child, visit);
    };
    if (constructor?.body) visit(constructor.body);
    return status;
  }
}

/** The string literals a type is made of, or undefined when it is not only literals. */
function literalsOf(type: ts.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const literals = parts.map((part) => (part.isStringLiteral() ? part.value : undefined));
  return literals.every((l) => l !== undefined) ? (literals as string[]) : undefined;
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${file.fileName}:${line + 1}`;
}
