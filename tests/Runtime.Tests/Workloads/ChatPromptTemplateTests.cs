using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

public sealed class ChatPromptTemplateTests
{
    [Fact]
    public void DeepSeek_V3_renders_bos_user_and_assistant_markers()
    {
        var ds = TestTokenizers.DeepSeekV3;
        Assert.Equal("deepseek", ds.ChatTemplateFamily);
        Assert.False(ds.HasChatMLTemplate);
        Assert.Equal("<｜begin▁of▁sentence｜><｜User｜>A A A<｜Assistant｜>", ds.RenderChatPrompt("A A A"));
    }

    [Fact]
    public void DeepSeek_V3_chat_count_has_two_BOS_like_encode_after_apply_chat_template()
    {
        var ds = TestTokenizers.DeepSeekV3;

        // Hand count: BOS added by encode(add_special_tokens=True) | BOS written by the template | <｜User｜> |
        // "A", " A", " A" | <｜Assistant｜>
        Assert.Equal(4, ds.CountTokens("A A A"));
        Assert.Equal(1 + 1 + 1 + 3 + 1, ds.CountChatPromptTokens("A A A"));
        var ids = ds.Encode(ds.RenderChatPrompt("A A A")!, addSpecialTokens: true);
        Assert.Equal(new[] { 0, 0, 128803 }, ids[..3]);
        Assert.Equal(128804, ids[^1]);
        Assert.Equal(ids.Length, ds.CountChatPromptTokens("A A A"));
    }

    [Fact]
    public void Qwen3_chat_count_is_the_ChatML_rendering_without_a_default_system_prompt()
    {
        var qwen = TestTokenizers.Qwen3;
        Assert.Equal("chatml", qwen.ChatTemplateFamily);

        // <|im_start|> user \n | "hello", " world" | <|im_end|> \n <|im_start|> assistant \n
        Assert.Equal(2, qwen.CountTokens("hello world"));
        Assert.Equal(3 + 2 + 5, qwen.CountChatPromptTokens("hello world"));
    }

    [Fact]
    public void R1_style_generation_prompt_is_taken_from_the_template()
    {
        const string template = "{{bos_token}}{%- for message in messages %}{%- if message['role'] == 'user' %}{{'<｜User｜>' + message['content']}}{%- endif %}{%- endfor -%}{% if add_generation_prompt and not ns.is_tool %}{{'<｜Assistant｜><think>\\n'}}{% endif %}";
        var chat = ChatPromptTemplate.Recognize(template, "<s>");
        Assert.NotNull(chat);
        Assert.Equal("deepseek", chat.Family);
        Assert.Equal("<s><｜User｜>hi<｜Assistant｜><think>\n", chat.Render("hi"));
    }

    [Fact]
    public void DeepSeek_template_without_bos_token_renders_no_bos()
    {
        const string template = "{%- for message in messages %}{{'<｜User｜>' + message['content']}}{%- endfor -%}{% if add_generation_prompt %}{{'<｜Assistant｜>'}}{% endif %}";
        Assert.Equal("<｜User｜>hi<｜Assistant｜>", ChatPromptTemplate.Recognize(template, "<s>")!.Render("hi"));
    }

    [Fact]
    public void Qwen25_default_system_prompt_is_rendered_before_the_user_message()
    {
        const string template = "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}";
        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
            ChatPromptTemplate.Recognize(template, null)!.Render("hi"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{% for message in messages %}<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n{{ message['content'] }}<|eot_id|>{% endfor %}")]
    public void Unknown_templates_are_not_recognized_so_the_bare_prompt_is_counted(string? template)
    {
        Assert.Null(ChatPromptTemplate.Recognize(template, "<s>"));
    }
}
