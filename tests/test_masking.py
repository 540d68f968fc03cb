from odoo.tests import BaseCase, tagged

from ..tools.masking import mask_id_number, mask_name


@tagged("post_install", "-at_install")
class TestMasking(BaseCase):
    def test_id_number(self):
        self.assertEqual(mask_id_number("330503198803120014"), "3305**********0014")
        self.assertEqual(mask_id_number("34122119930916009X"), "3412**********009X")
        self.assertEqual(mask_id_number("1234567"), "*******")
        self.assertEqual(mask_id_number(False), "")

    def test_name(self):
        self.assertEqual(mask_name("张伟"), "张*")
        self.assertEqual(mask_name("杨秀英"), "杨*英")
        self.assertEqual(mask_name("欧阳娜娜"), "欧**娜")
        self.assertEqual(mask_name("张"), "张")
