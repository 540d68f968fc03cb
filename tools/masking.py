"""The one masking policy (脱敏) for everything shown to people who may not see the
raw data: screens of non-officers, published notices, PDFs, spreadsheets, chatter.

Two outputs masked differently could be merged back into the full value, so every
output must call these functions and nothing else.
"""

ID_VISIBLE_HEAD = 4
ID_VISIBLE_TAIL = 4


def mask_id_number(number):
    """330503198803120014 -> 3305**********0014: hides the county, birth date and sex."""
    number = (number or "").strip()
    if len(number) <= ID_VISIBLE_HEAD + ID_VISIBLE_TAIL:
        return "*" * len(number)
    hidden = len(number) - ID_VISIBLE_HEAD - ID_VISIBLE_TAIL
    return number[:ID_VISIBLE_HEAD] + "*" * hidden + number[-ID_VISIBLE_TAIL:]


def mask_name(name):
    """张伟 -> 张*, 杨秀英 -> 杨*英, 欧阳娜娜 -> 欧**娜: the first and (from three
    characters) the last character stay."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
