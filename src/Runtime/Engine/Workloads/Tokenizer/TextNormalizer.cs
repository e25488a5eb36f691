using System;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// A tokenizer.json <c>normalizer</c>: NFC, <c>Prepend</c> (SentencePiece's leading "▁") and string <c>Replace</c>
/// (" " -> "▁"), applied in order to each piece of text between added tokens, as Hugging Face does.
/// </summary>
internal sealed class TextNormalizer
{
    private readonly NormalizerStep[] _steps;

    public TextNormalizer(NormalizerStep[] steps) => _steps = steps;

    /// <summary>The normalized text (the same span when no step changes it).</summary>
    public ReadOnlySpan<char> Apply(ReadOnlySpan<char> text)
    {
        foreach (var step in _steps)
        {
            switch (step.Kind)
            {
                case NormalizerKind.Nfc when !Nfc.IsQuickYes(text):
                    text = Nfc.Normalize(text.ToString());
                    break;
                case NormalizerKind.Prepend when !text.IsEmpty:
                    text = string.Concat(step.Text, text);
                    break;
                case NormalizerKind.Replace when text.IndexOf(step.Text, StringComparison.Ordinal) >= 0:
                    text = text.ToString().Replace(step.Text, step.Content, StringComparison.Ordinal);
                    break;
            }
        }

        return text;
    }
}
