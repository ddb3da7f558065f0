using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// ATOL's error tables as data: the service errors and the register (KKT) errors of protocols v4 and v5.
/// Look errors up by the pair (type, code): codes overlap between types (driver 11 is
/// "not supported in this version", system 11 is an expired token).
/// </summary>
public static class AtolErrors
{
    /// <summary>system/11 ExpiredToken: the token is no longer active.</summary>
    public const int ExpiredToken = 11;

    /// <summary>system/10 MissingToken: the token was not recognised.</summary>
    public const int MissingToken = 10;

    /// <summary>system/33 IncomingExternalIdAlreadyExists: the document is already registered; the body carries its uuid.</summary>
    public const int DuplicateExternalId = 33;

    /// <summary>system/34 StateCheckNotFound: the report is not ready yet (HTTP 200, status wait).</summary>
    public const int ReportNotReady = 34;

    /// <summary>The service errors (identical numbering in v4 and v5).</summary>
    public static IReadOnlyList<AtolErrorInfo> ServiceErrors { get; } =
    [
        Svc(AtolErrorType.UnknownError, 0, "Undefined", "Unknown processing error; quote error_id to support. Resending the same external_id is safe.", AtolErrorAction.Retry, 400),
        Svc(AtolErrorType.System, 1, "IncomingChequeProcessingFailed", "The server could not process the document; resend the same external_id later.", AtolErrorAction.Retry, 400),
        Svc(AtolErrorType.System, 10, "MissingToken", "The token was not recognised; get a token and repeat (nothing was stored).", AtolErrorAction.CheckCredentials, 401),
        Svc(AtolErrorType.System, 11, "ExpiredToken", "The token is no longer active; get a new token and repeat with the same external_id.", AtolErrorAction.CheckCredentials, 401),
        Svc(AtolErrorType.System, 12, "WrongLoginOrPassword", "Wrong login or password.", AtolErrorAction.CheckCredentials, 401),
        Svc(AtolErrorType.System, 13, "ValidationException", "The request failed validation.", AtolErrorAction.FixDocument, 400),
        Svc(AtolErrorType.System, 14, "UserBlocked", "The user is blocked; contact ATOL.", AtolErrorAction.CheckCredentials, 403),
        Svc(AtolErrorType.System, 20, "GroupCodeAndTokenDontMatch", "The group code in the URL does not belong to the token.", AtolErrorAction.CheckCredentials, 401),
        Svc(AtolErrorType.System, 21, "NotSupportedGroupCodeForProtocol", "The group does not support this protocol version (v4 is FFD 1.05, v5 is FFD 1.2).", AtolErrorAction.CheckCredentials, 401),
        Svc(AtolErrorType.System, 30, "MissingUuid", "Unknown, malformed or expired uuid.", AtolErrorAction.FixDocument, 400),
        Svc(AtolErrorType.System, 31, "IncomingOperationNotSupported", "The operation is not supported.", AtolErrorAction.FixDocument, 400),
        Svc(AtolErrorType.System, 32, "IncomingValidationException", "The document failed ATOL's validation; nothing was stored.", AtolErrorAction.FixDocument, 400),
        Svc(AtolErrorType.System, 33, "IncomingExternalIdAlreadyExists", "A document with this external_id exists; its uuid is in the body (not a failure).", AtolErrorAction.Retry, 400),
        Svc(AtolErrorType.System, 34, "StateCheckNotFound", "The report is not ready yet; poll later (at least 1 s).", AtolErrorAction.Retry, 200),
        Svc(AtolErrorType.System, 40, "BadRequest", "Malformed request (URL, headers or body).", AtolErrorAction.FixDocument, 400),
        Svc(AtolErrorType.System, 41, "UnsupportedMediaType", "Wrong Content-Type.", AtolErrorAction.FixDocument, 415),
        Svc(AtolErrorType.System, 50, "ErrorServerConfiguration", "Server error; retry with back-off or contact ATOL.", AtolErrorAction.Retry, 500),
        Svc(AtolErrorType.Timeout, 1, null, "The document waited in the queue longer than 300 s and was not processed; resubmit under a new external_id after checking.", AtolErrorAction.Retry, null),
    ];

    /// <summary>The register (KKT) errors that appear in failed reports and callbacks, with ATOL's Russian labels.</summary>
    public static IReadOnlyList<AtolErrorInfo> RegisterErrors { get; } =
    [
        Kkt(AtolErrorType.Agent, 2003, "ИНН, указанный в чеке не соответствует ИНН компании.", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Agent, 2004, "Внутренняя ошибка сервиса.", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Agent, 2005, "Внутренняя ошибка сервиса.", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.System, 2005, "Внутренняя ошибка сервиса.", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Agent, 2006, "Некорректный формат JSON", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Agent, 2007, "Некорректное значение в JSON", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Agent, 2009, "ИНН в запросе не совпадает с ИНН на кассе", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 1, "Соединение не установлено", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 2, "Нет связи", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 3, "Порт занят", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 4, "Порт недоступен", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 5, "Некорректные данные от устройства", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 6, "Внутренняя ошибка библиотеки", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 7, "Неподдерживаемое преобразование типа параметра", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 8, "Не найден обязательный параметр", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 9, "Некорректные настройки", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 10, "Драйвер не настроен", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 11, "Не поддерживается в данной версии (драйвера или ККТ)", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 12, "Не поддерживается в данном режиме", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 13, "Некорректное значение параметра", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 14, "Не удалось загрузить библиотеку", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 15, "Неизвестная ошибка", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 16, "Неверная цена (сумма)", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 17, "Неверное количество", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 18, "Переполнение счетчика наличности", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 19, "Невозможно сторно последней операции", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 20, "Сторно по коду невозможно", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 21, "Невозможен повтор последней операции", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 22, "Повторная скидка на операцию невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 23, "Невозможно начислить скидку/надбавку", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 24, "Неверный код товара", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 26, "Неверный формат команды", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 27, "Неверная длина", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 28, "ККТ заблокирована в режиме ввода даты", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 29, "Требуется подтверждение ввода даты", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 30, "Нет больше данных", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 31, "Нет подтверждения или отмены продажи", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 32, "Отчет о закрытии смены прерван", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 34, "Вход в режим заблокирован", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 35, "Проверьте дату и время", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 36, "Переданные дата/время меньше даты/времени последнего фискального документа", AtolErrorAction.Retry),
        Kkt(AtolErrorType.Driver, 38, "Товар не найден", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 40, "Переполнение буфера чека", AtolErrorAction.Retry),
        Kkt(AtolErrorType.Driver, 41, "Недостаточное количество товара", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 42, "Сторнируемое количество больше проданного", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 43, "Товар не найден", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 48, "Неверный тип чека", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 52, "Сумма не наличных платежей превышает сумму чека", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 53, "Накопление меньше суммы возврата или аннулирования", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 54, "Переполнение суммы платежей", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 55, "Предыдущая операция незавершена", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 57, "Неверная величина скидки / надбавки", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 58, "Операция после скидки / надбавки невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 59, "Неверная секция", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 60, "Неверный вид оплаты", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 61, "Переполнение при умножении", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 62, "Операция запрещена в таблице настроек", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 63, "Переполнение итога чека", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 64, "Открыт чек аннулирования – операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 65, "Переполнение буфера ЭЖ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 66, "Чек оплачен не полностью", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 67, "Открыт чек возврата – операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 68, "Смена превысила 24 часа", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 69, "Открыт чек продажи – операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 70, "Переполнение ФП", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 71, "Неверный пароль", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 72, "Идет обработка ЭЖ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 73, "Смена закрыта - операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 77, "Неверная дата и/или время", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 78, "Неверная сумма сторно", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 80, "В ККТ нет денег для выплаты", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 81, "Чек закрыт – операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 82, "Чек открыт – операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 83, "Смена открыта, операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 86, "Неверный номер смены", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 89, "ККТ не зарегистрирована", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 90, "Не задан серийный номер", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 93, "Данные документа отсутствуют", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 95, "Требуется выполнение общего гашения", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 97, "Невозможна отмена скидки/надбавки", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 98, "Невозможно закрыть чек данным типом оплаты", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 104, "Ошибка обмена с фискальным модулем", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 105, "Необходимо провести профилактические работы", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 106, "Неверные номера смен в ККТ и ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 107, "Нет устройства, обрабатывающего данную команду", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 109, "Ошибочное состояние ТРК", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 110, "Недопустимое кол- во позиций в чеке", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 111, "Ошибочный номер ТРК", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 112, "Неверный делитель", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 115, "Ошибка обмена с ФН на уровне интерфейса I2C", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 116, "Ошибка формата передачи ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 117, "Неверное состояние ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 118, "Неисправимая ошибка ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 119, "Ошибка КС ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 120, "Закончен срок эксплуатации ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 121, "Архив ФН переполнен", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 122, "В ФН переданы неверная дата или время", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 123, "В ФН нет запрошенных данных", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 124, "Переполнение ФН (итог чека / смены)", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 125, "Буфер переполнен", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 127, "Требуется гашение ЭЖ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 128, "Некорректная сумма налога", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 129, "Начисление налога на последнюю операцию невозможно", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 131, "Сумма сторно налога больше суммы зарегистрированного налога данного типа", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 132, "Операция невозможна, недостаточно питания", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 133, "Некорректное значение параметров команды ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 134, "Превышение размеров TLV данных ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 135, "Нет транспортного соединения ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 136, "Исчерпан ресурс КС ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 137, "Ресурс хранения ФД исчерпан", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 138, "Сообщение от ОФД не может быть принято ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 139, "В ФН есть неотправленные ФД", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 140, "Исчерпан ресурс ожидания передачи сообщения в ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 141, "Продолжительность смены ФН более 24 часов", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 142, "Неверная разница во времени между двумя операциями ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 143, "Некорректная СНО", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 144, "Недопустимый номер ставки налога", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 145, "Недопустимый тип оплаты товара", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 146, "Недопустимый тип кода товара", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 147, "Недопустима регистрация подакцизного товара", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 148, "Ошибка программирования реквизита", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 149, "Неверный тип счетчика", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 154, "Недопустимое значение режима работы с налогом", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 158, "Неразрешенные реквизиты", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 159, "Ошибка интерфейса ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 160, "Дублирование данных", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 161, "Не указаны обязательные реквизиты", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 162, "Ошибка чтения документа из ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 163, "Переполнение чисел с плавающей точкой", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 165, "Внутренняя ошибка ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 166, "ФН не найден", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 167, "Невозможно записать реквизит агента", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 168, "Недопустимое сочетания реквизитов 1002 и 1056", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 169, "Недопустимое сочетания реквизитов 1002 и 1017", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 172, "Кассир не зарегистрирован", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 177, "Закрытие чека прервано", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 178, "Получение документа из ФН прервано", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 179, "Сбой часов", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 180, "Сбой памяти", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 181, "Сбой микросхемы", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 183, "Недопустимое значение MAC-адреса", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 188, "Требуется перезагрузка ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 189, "Подходящие лицензии не найдены", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 190, "Неверная версия ФФД", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 191, "Параметр доступен только для чтения", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 192, "Неверный тип кода товара", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 193, "Неверное значение GTIN", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 194, "Отрицательный результат математической операции", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 195, "Недопустимое сочетание реквизитов", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 196, "Ошибка регистрации кассира", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 197, "Данный канал Интернет отсутствует в ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 198, "Дата и время не синхронизированы", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 199, "Ошибка электронного журнала", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 200, "Документ открыт операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 201, "Документ закрыт операция невозможна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 203, "Произошла критичная ошибка, документ необходимо отменить", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 204, "Регистры ККТ еще не инициализированы", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 205, "Требуется регистрация итога", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 206, "Сбой таблицы настроек", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 207, "Сбой счетчиков и регистров ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 208, "Сбой пользовательской памяти", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 209, "Сбой сервисных регистров", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 210, "Сбой реквизитов ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 211, "ККТ уже в режиме обновления конфигурации", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 212, "Конфигурация не прошла проверку", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 213, "Аппаратный канал отсутствует, выключен или ещё не проинициализирован", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 214, "Сетевой интерфейс не подключен, или на нём не получен IP- адрес", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 215, "Недопустимое сочетание реквизитов 1212 и 1030", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 216, "Некорректный признак способа расчета", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 217, "Некорректный признак предмета расчета", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 221, "Сетевой интерфейс занят", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 224, "Архив ФН закрыт", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 225, "Нужно выполнить регистрацию / перерегистрацию", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 226, "Операция невозможна, идет обновление ПО ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 227, "Неверный итог чека", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 228, "Запрещена одновременная передача КМ и реквизита 1162", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 230, "Ошибка цифровой подписи", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 231, "Некорректная сумма акциза", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 241, "Соединение с ККТ потеряно", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 243, "Некорректная сумма налога", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 244, "Некорректное значение типа кода маркировки", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 245, "Аппаратная ошибка при сохранении лицензии", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 246, "Подпись лицензии некорректна", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 247, "Лицензия не подходит для данной ККТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 248, "Срок действия лицензии истёк", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 249, "Документ был отменен", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 251, "Длина клише превышает максимальное значение", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 258, "Ошибка чтения/записи данных кеша", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 261, "Отсутствует позиция оплаты", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 262, "Таймаут выполнения команды истек", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 263, "Режим ФР выключен", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 264, "Не найдена запись в OTP", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 265, "Подакцизный товар без акциза зарегистрирован в чеке", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 402, "Ошибка соединения с сервером", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 404, "Некорректное значение статуса КМ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 405, "Неверный код GS1", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 406, "Запрещена работа с маркированным товарами", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 407, "Работа с маркированными товарами временно заблокирована", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 408, "Переполнена таблица хранения КМ", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 409, "Некорректный код маркировки", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 410, "Неверное состояние", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 411, "Ошибка обмена с сервером ОФД или ИСМ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 412, "Некорректное значение единиц измерения", AtolErrorAction.FixDocument),
        Kkt(AtolErrorType.Driver, 413, "Операция не разрешена в данной версии ФФД", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 414, "Операция не разрешена, при регистрации не был установлен признак ТМТ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 418, "Требуется повторное проведение процедуры обновления ключей", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 419, "Ошибка сервиса обновления ключей проверки КМ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 420, "КМ не проверен в ФН", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 421, "Истёк таймаут проверки КМ", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 501, "Ошибка парсинга чека / запроса", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.Driver, 502, "Выполнение прервано из-за предыдущих ошибок", AtolErrorAction.Unknown),
        Kkt(AtolErrorType.System, -2146233033, "Ошибка форматирования чека", AtolErrorAction.FixDocument),
    ];

    // Declared after the tables: static initializers run in textual order.
    private static readonly Dictionary<(AtolErrorType, int), AtolErrorInfo> Index = Build();

    /// <summary>Looks up the row for (<paramref name="type"/>, <paramref name="code"/>); null when the pair is not in the tables.</summary>
    public static AtolErrorInfo? Find(AtolErrorType type, int code) => Index.GetValueOrDefault((type, code));

    // Decision 7 (schemas/DECISIONS.md).
    /// <summary>
    /// The action for (<paramref name="type"/>, <paramref name="code"/>): the table's, or <see cref="AtolErrorAction.Unknown"/> for a pair the
    /// tables do not list: an unknown pair needs a human and is never retried.
    /// </summary>
    public static AtolErrorAction ActionFor(AtolErrorType type, int code) => Find(type, code)?.Action ?? AtolErrorAction.Unknown;

    private static AtolErrorInfo Svc(AtolErrorType type, int code, string? name, string meaning, AtolErrorAction action, int? http) =>
        new(type, code, name, meaning, action, http);

    private static AtolErrorInfo Kkt(AtolErrorType type, int code, string meaning, AtolErrorAction action) =>
        new(type, code, null, meaning, action, null);

    private static Dictionary<(AtolErrorType, int), AtolErrorInfo> Build()
    {
        var index = new Dictionary<(AtolErrorType, int), AtolErrorInfo>();
        foreach (var row in ServiceErrors)
        {
            index[(row.Type, row.Code)] = row;
        }

        foreach (var row in RegisterErrors)
        {
            index.TryAdd((row.Type, row.Code), row);
        }

        return index;
    }
}
