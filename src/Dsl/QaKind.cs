namespace PodBench.Dsl;

/// <summary>The shape of a custom QA dataset's rows.</summary>
public enum QaKind
{
    /// <summary>Free-form questions (reference: <c>custom_qa_gen</c>): <c>{"question": ..., "answer": ...}</c>.</summary>
    Generative,

    /// <summary>Multiple choice (reference: <c>custom_qa_mcq</c>): <c>{"question": ..., "A": ..., "B": ..., "answer": "A"}</c>.</summary>
    MultipleChoice,
}
