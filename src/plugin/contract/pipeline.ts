/** The stages of an agent turn, in order. */
export type PipelineStageName = 'classifier' | 'router' | 'assembler' | 'transport' | 'scorer' | 'learner';

/**
 * One stage of the agent pipeline: takes the turn state so far and returns
 * it extended. Stages are pure with respect to each other: no shared state
 * beyond what they pass on.
 */
export interface PipelineStage<In, Out> {
  readonly name: PipelineStageName;
  run(input: In, signal: AbortSignal): Promise<Out>;
}
