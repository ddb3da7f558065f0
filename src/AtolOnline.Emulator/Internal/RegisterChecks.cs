using AtolOnline.Protocol;

namespace AtolOnline.Emulator.Internal;

// Register error tables: V4DOC §8.2, V5DOC §7.2 (source ids: schemas/DECISIONS.md#sources).
/// <summary>
/// The checks a real register (or ATOL's agent in front of it) makes when it processes a document, with the error it
/// then reports. Order: agent first (no register touched), then driver.
/// </summary>
internal static class RegisterChecks
{
    public static (int Code, string Type, string Text)? Check(DocumentFacts facts, EmulatorAccount account)
    {
        if (!string.Equals(facts.Inn, account.Inn, StringComparison.Ordinal))
        {
            // Wording captured from the v4 test environment (SK sample, January 2024).
            return (2009, "agent", $"ИНН, указанный в чеке {facts.Inn}, не соответствует ИНН группы касс {account.Inn}. Попыток регистрировать чек не производилось.");
        }

        if (facts.Items.Count > 100)
        {
            return (110, "driver", "Недопустимое кол- во позиций в чеке");
        }

        if (facts.MarkCodes > 128)
        {
            return (408, "driver", "Переполнена таблица хранения КМ");
        }

        if (account.Protocol == AtolProtocolVersion.V5)
        {
            foreach (var (price, quantity, sum) in facts.Items)
            {
                if (decimal.Round(price * quantity, 2, MidpointRounding.AwayFromZero) != sum)
                {
                    return (16, "driver", "Неверная цена (сумма)");
                }
            }
        }

        decimal total = facts.Total ?? facts.Payments.Sum(p => p.Sum);
        if (facts.Total is { } stated && facts.Items.Count > 0 && Math.Abs(facts.Items.Sum(i => i.Sum) - stated) > 0.99m)
        {
            return (227, "driver", "Неверный итог чека");
        }

        decimal nonCash = facts.Payments.Where(p => p.Type != 0).Sum(p => p.Sum);
        if (nonCash > total)
        {
            return (52, "driver", "Сумма не наличных платежей превышает сумму чека");
        }

        if (facts.Payments.Sum(p => p.Sum) < total)
        {
            return (66, "driver", "Чек оплачен не полностью");
        }

        return null;
    }
}
