export declare const projectRoot: string;
export declare const distDirectory: string;
export declare function entryPointIn(outdir: string): string;
export declare function build(outdir?: string): Promise<{ ms: number; inputs: number }>;
export declare function staleReason(outdir?: string): Promise<string | undefined>;
