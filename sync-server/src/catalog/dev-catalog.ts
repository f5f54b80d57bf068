import type { KtoItem } from './records.js';
import { ktoSido } from '@hamgaja/shared';

/**
 * The dev catalog: well-known real places in every sido, written by hand (coordinates and
 * road addresses from public sources, rounded to about 100 m, a short overview in Korean and in
 * English), so a fresh install has something to find. Not KTO data. Ids live in a range
 * TourAPI does not use; append only, because trips may already point at them.
 */
export const DEV_ID_BASE = 900_000_000;
export const DEV_ATTRIBUTION = 'Hamgaja 개발용 샘플 목록 · Hamgaja sample catalog (not KTO data)';

type Place = [
  sido: number,
  gugun: string,
  type: number,
  title: string,
  titleEn: string,
  addr1: string,
  lat: number,
  lng: number,
  overview: string,
  overviewEn: string,
  tel?: string,
];

// One line per place reads best.
// prettier-ignore
const places: Place[] = [
  // 서울
  [1, '종로구', 12, '경복궁', 'Gyeongbokgung Palace', '서울특별시 종로구 사직로 161', 37.5796, 126.977, '1395년 태조 이성계가 세운 조선 왕조의 법궁. 근정전과 경회루, 수문장 교대식으로 유명하다.', 'The main royal palace of the Joseon dynasty, founded in 1395 by King Taejo (Yi Seong-gye). Known for Geunjeongjeon Hall, Gyeonghoeru Pavilion and the changing of the royal guard.', '02-3700-3900'],
  [1, '종로구', 12, '창덕궁', 'Changdeokgung Palace', '서울특별시 종로구 율곡로 99', 37.5794, 126.991, '자연 지형을 살려 지은 조선의 궁궐로 후원(비원)이 아름답다. 유네스코 세계유산.', 'A Joseon palace built to follow the natural lie of the land, with a beautiful rear garden (Biwon). UNESCO World Heritage Site.'],
  [1, '종로구', 12, '북촌한옥마을', 'Bukchon Hanok Village', '서울특별시 종로구 계동길 37', 37.5826, 126.9831, '경복궁과 창덕궁 사이에 한옥 골목이 이어진 전통 주거지.', 'A traditional neighbourhood of hanok alleys between Gyeongbokgung and Changdeokgung palaces.'],
  [1, '중구', 12, '덕수궁', 'Deoksugung Palace', '서울특별시 중구 세종대로 99', 37.5658, 126.9751, '석조전과 돌담길로 알려진 대한제국의 궁궐.', 'The palace of the Korean Empire, known for its stone hall, Seokjojeon, and the stone-wall road beside it.'],
  [1, '용산구', 12, 'N서울타워', 'N Seoul Tower', '서울특별시 용산구 남산공원길 105', 37.5512, 126.9882, '남산 정상의 전망 타워. 서울 시내가 한눈에 내려다보인다.', 'An observation tower on the summit of Namsan, with all of Seoul spread out below.'],
  [1, '용산구', 14, '국립중앙박물관', 'National Museum of Korea', '서울특별시 용산구 서빙고로 137', 37.524, 126.9803, '선사 시대부터 조선까지의 유물을 전시하는 우리나라 대표 박물관.', 'Korea’s leading museum, with artefacts from prehistory to the Joseon dynasty.', '02-2077-9000'],
  [1, '종로구', 38, '광장시장', 'Gwangjang Market', '서울특별시 종로구 창경궁로 88', 37.57, 126.9996, '1905년 문을 연 전통시장. 빈대떡과 육회, 마약김밥 먹자골목이 유명하다.', 'A traditional market opened in 1905, famous for its food alley of bindaetteok (mung bean pancakes), yukhoe (beef tartare) and mayak gimbap.'],
  [1, '중구', 38, '남대문시장', 'Namdaemun Market', '서울특별시 중구 남대문시장4길 21', 37.5592, 126.9774, '의류와 잡화, 먹거리가 모인 서울에서 가장 오래된 시장.', 'Seoul’s oldest market, full of clothing, everyday goods and street food.'],
  [1, '중구', 38, '명동거리', 'Myeongdong Street', '서울특별시 중구 명동길 14', 37.5636, 126.985, '화장품 가게와 길거리 음식이 늘어선 서울의 대표 쇼핑 거리.', 'Seoul’s best-known shopping street, lined with cosmetics shops and street food stalls.'],
  [1, '종로구', 38, '인사동', 'Insadong', '서울특별시 종로구 인사동길 44', 37.574, 126.985, '전통 공예품과 찻집, 화랑이 모인 거리. 쌈지길이 있다.', 'A street of traditional crafts, teahouses and galleries, home to the Ssamziegil arcade.'],
  [1, '송파구', 12, '롯데월드', 'Lotte World', '서울특별시 송파구 올림픽로 240', 37.5111, 127.0982, '실내 테마파크와 야외 매직아일랜드로 이루어진 놀이공원.', 'An amusement park made up of an indoor theme park and the outdoor Magic Island.', '1661-2000'],
  [1, '송파구', 12, '서울스카이', 'Seoul Sky (Lotte World Tower)', '서울특별시 송파구 올림픽로 300', 37.5126, 127.1025, '롯데월드타워 117~123층의 전망대.', 'The observation deck on floors 117 to 123 of Lotte World Tower.'],
  [1, '중구', 14, '동대문디자인플라자', 'Dongdaemun Design Plaza (DDP)', '서울특별시 중구 을지로 281', 37.5665, 127.0092, '자하 하디드가 설계한 곡선의 복합 문화 공간.', 'A curving cultural complex designed by Zaha Hadid.'],
  [1, '영등포구', 12, '여의도한강공원', 'Yeouido Hangang Park', '서울특별시 영등포구 여의동로 330', 37.5284, 126.9328, '벚꽃과 불꽃축제, 한강 유람선으로 사랑받는 강변 공원.', 'A riverside park loved for its cherry blossoms, its fireworks festival and Han River cruises.'],
  [1, '성동구', 12, '서울숲', 'Seoul Forest', '서울특별시 성동구 뚝섬로 273', 37.5444, 127.0374, '사슴 방사장과 습지 생태원이 있는 도심 속 숲 공원.', 'A forest park in the city, with a deer enclosure and a wetland eco-garden.'],
  [1, '중구', 32, '웨스틴 조선 서울', 'The Westin Josun Seoul', '서울특별시 중구 소공로 106', 37.5643, 126.98, '1914년 문을 연 조선호텔의 뒤를 잇는 시청 앞 호텔.', 'A hotel facing City Hall, successor to the Chosun Hotel that opened in 1914.'],
  // 인천
  [2, '중구', 12, '인천차이나타운', 'Incheon Chinatown', '인천광역시 중구 차이나타운로 59번길 12', 37.4755, 126.6178, '1883년 개항과 함께 생긴 화교 마을. 짜장면박물관이 있다.', 'A Chinese community that grew up when the port opened in 1883, home to the Jajangmyeon Museum.'],
  [2, '중구', 12, '월미도', 'Wolmido Island', '인천광역시 중구 월미문화로 36', 37.4755, 126.596, '놀이시설과 문화의 거리, 바다 전망의 월미산이 있는 섬.', 'An island with rides, a street of culture and Wolmisan hill, which looks out over the sea.'],
  [2, '중구', 12, '을왕리해수욕장', 'Eurwangni Beach', '인천광역시 중구 용유서로302번길 16-15', 37.4475, 126.3725, '인천공항 가까이에 있는 서해안 해수욕장. 낙조가 아름답다.', 'A West Sea beach near Incheon Airport, known for its beautiful sunsets.'],
  [2, '연수구', 12, '송도센트럴파크', 'Songdo Central Park', '인천광역시 연수구 컨벤시아대로 160', 37.3925, 126.6392, '바닷물 수로에서 수상 택시와 카약을 타는 송도국제도시의 공원.', 'A park in Songdo International City where water taxis and kayaks glide along a seawater canal.'],
  [2, '강화군', 12, '전등사', 'Jeondeungsa Temple', '인천광역시 강화군 길상면 전등사로 37-41', 37.6213, 126.4897, '정족산성 안에 자리한 우리나라에서 가장 오래된 절 가운데 하나.', 'One of the oldest Buddhist temples in Korea, set inside Jeongjoksanseong Fortress.'],
  // 대전
  [3, '유성구', 12, '엑스포과학공원', 'Expo Science Park', '대전광역시 유성구 대덕대로 480', 36.3763, 127.3872, '1993년 대전 엑스포가 열린 곳. 한빛탑이 상징이다.', 'The site of the 1993 Daejeon Expo; Hanbit Tower is its landmark.'],
  [3, '유성구', 14, '국립중앙과학관', 'National Science Museum', '대전광역시 유성구 대덕대로 481', 36.3762, 127.3766, '자연사관과 과학기술관, 천체관을 갖춘 국립 과학관.', 'A national science museum with halls of natural history and of science and technology, and a planetarium.'],
  [3, '유성구', 12, '유성온천', 'Yuseong Hot Springs', '대전광역시 유성구 봉명동 574', 36.3545, 127.3412, '족욕 체험장이 있는 도심 온천 지구.', 'A hot spring district in the city, with public foot baths.'],
  [3, '서구', 12, '장태산자연휴양림', 'Jangtaesan Recreational Forest', '대전광역시 서구 장안로 461', 36.2185, 127.3405, '메타세쿼이아 숲과 출렁다리, 스카이웨이가 있는 휴양림.', 'A recreational forest with metasequoia woods, a suspension bridge and an elevated skyway.'],
  [3, '대덕구', 12, '대청호', 'Daecheong Lake', '대전광역시 대덕구 미호동', 36.477, 127.481, '대청댐이 만든 호수. 호숫가를 따라 오백리길이 이어진다.', 'A lake formed by Daecheong Dam; the 500-ri Trail follows its shores.'],
  [3, '중구', 39, '성심당 본점', 'Sungsimdang Bakery', '대전광역시 중구 대종로480번길 15', 36.3277, 127.4273, '튀김소보로로 유명한 1956년 창업의 대전 대표 빵집.', 'Daejeon’s best-known bakery, founded in 1956 and famous for its fried soboro bread (twigim soboro).'],
  // 대구
  [4, '동구', 12, '동화사', 'Donghwasa Temple', '대구광역시 동구 동화사1길 1', 35.9946, 128.6891, '팔공산 자락에 있는 신라 시대 사찰. 통일약사여래대불이 있다.', 'A Silla-era temple on the slopes of Palgongsan, home to a giant statue of the Medicine Buddha.'],
  [4, '중구', 38, '서문시장', 'Seomun Market', '대구광역시 중구 큰장로26길 45', 35.869, 128.5815, '조선 시대부터 이어진 대구의 큰 장. 야시장과 납작만두가 유명하다.', 'Daegu’s great market since the Joseon era, famous for its night market and flat dumplings (napjak mandu).'],
  [4, '중구', 12, '김광석다시그리기길', 'Kim Kwang-seok Street', '대구광역시 중구 달구벌대로450길', 35.8602, 128.6067, '가수 김광석을 기리는 벽화 골목.', 'A mural alley honouring the singer Kim Kwang-seok.'],
  [4, '달서구', 12, '이월드', 'E-World', '대구광역시 달서구 두류공원로 200', 35.8533, 128.5638, '83타워와 놀이기구가 있는 테마파크.', 'A theme park with rides and the 83 Tower.'],
  [4, '남구', 12, '앞산공원', 'Apsan Park', '대구광역시 남구 앞산순환로 574-87', 35.8275, 128.585, '케이블카로 오르는 전망대에서 대구 야경을 본다.', 'Take the cable car up to the observatory for a night view over Daegu.'],
  // 광주
  [5, '동구', 14, '국립아시아문화전당', 'Asia Culture Center', '광주광역시 동구 문화전당로 38', 35.1467, 126.92, '옛 전남도청 자리에 들어선 아시아 문화 예술 복합 공간.', 'A complex for Asian arts and culture on the site of the former South Jeolla Provincial Office.'],
  [5, '동구', 12, '증심사', 'Jeungsimsa Temple', '광주광역시 동구 증심사길 177', 35.1289, 126.9836, '무등산 서쪽 기슭의 사찰. 무등산 등산로의 들머리다.', 'A temple at the western foot of Mudeungsan, where trails up the mountain begin.'],
  [5, '북구', 12, '국립5·18민주묘지', 'May 18th National Cemetery', '광주광역시 북구 민주묘지로 200', 35.2383, 126.9399, '5·18 민주화운동 희생자들이 잠든 국립묘지.', 'The national cemetery where the victims of the May 18 Democratic Uprising rest.'],
  [5, '남구', 12, '양림동 역사문화마을', 'Yangnim-dong History and Culture Village', '광주광역시 남구 양림동', 35.139, 126.914, '근대 선교사 사택과 한옥이 어우러진 마을.', 'A village where early modern missionary houses stand among hanok.'],
  [5, '광산구', 38, '1913송정역시장', '1913 Songjeong Station Market', '광주광역시 광산구 송정로8번길 13', 35.1385, 126.7935, '광주송정역 앞의 100년 넘은 시장을 새로 꾸민 먹거리 골목.', 'A century-old market in front of Gwangju Songjeong Station, reborn as a food street.'],
  // 부산
  [6, '해운대구', 12, '해운대해수욕장', 'Haeundae Beach', '부산광역시 해운대구 해운대해변로 264', 35.1587, 129.1604, '백사장 1.5km의 우리나라 대표 해수욕장. 여름마다 피서객으로 붐빈다.', 'Korea’s best-known beach, with 1.5 km of sand; crowded with holidaymakers every summer.'],
  [6, '수영구', 12, '광안리해수욕장', 'Gwangalli Beach', '부산광역시 수영구 광안해변로 219', 35.1532, 129.1186, '광안대교 야경이 펼쳐지는 해수욕장.', 'A beach with night views of Gwangan Bridge.'],
  [6, '서구', 12, '송도해수욕장', 'Songdo Beach', '부산광역시 서구 송도해변로 100', 35.076, 129.017, '1913년 문을 연 우리나라 첫 공설 해수욕장. 해상 케이블카가 지난다.', 'Korea’s first public beach, opened in 1913; a sea cable car passes overhead.'],
  [6, '사하구', 12, '감천문화마을', 'Gamcheon Culture Village', '부산광역시 사하구 감내2로 203', 35.0975, 129.0106, '산비탈의 알록달록한 집과 골목 예술로 알려진 마을.', 'A hillside village known for its brightly painted houses and alley art.'],
  [6, '중구', 38, '자갈치시장', 'Jagalchi Market', '부산광역시 중구 자갈치해안로 52', 35.0966, 129.0306, '우리나라 최대의 수산시장. 2층에서 회를 바로 먹을 수 있다.', 'Korea’s largest fish market; buy seafood downstairs and eat it as sashimi on the second floor.'],
  [6, '기장군', 12, '해동용궁사', 'Haedong Yonggungsa Temple', '부산광역시 기장군 기장읍 용궁길 86', 35.1884, 129.2233, '바닷가 바위 위에 세워진 절.', 'A temple built on rocks by the sea.'],
  [6, '영도구', 12, '태종대', 'Taejongdae', '부산광역시 영도구 전망로 24', 35.0533, 129.0872, '깎아지른 해안 절벽과 등대가 있는 영도의 유원지.', 'A park on Yeongdo with sheer coastal cliffs and a lighthouse.'],
  [6, '금정구', 12, '범어사', 'Beomeosa Temple', '부산광역시 금정구 범어사로 250', 35.284, 129.0683, '금정산 기슭에 있는 신라 시대 사찰.', 'A Silla-era temple at the foot of Geumjeongsan.'],
  [6, '해운대구', 32, '파라다이스호텔 부산', 'Paradise Hotel Busan', '부산광역시 해운대구 해운대해변로 296', 35.1596, 129.164, '해운대해수욕장 앞 바다 전망 호텔.', 'A hotel with sea views, facing Haeundae Beach.'],
  // 울산
  [7, '동구', 12, '대왕암공원', 'Daewangam Park', '울산광역시 동구 등대로 95', 35.4925, 129.438, '기암괴석과 해송 숲, 출렁다리가 있는 해안 공원.', 'A coastal park with striking rock formations, a seaside pine forest and a suspension bridge.'],
  [7, '중구', 12, '태화강국가정원', 'Taehwagang National Garden', '울산광역시 중구 태화강국가정원길 154', 35.5494, 129.2976, '십리대숲이 이어진 우리나라 두 번째 국가정원.', 'Korea’s second national garden, with the Simni Bamboo Forest stretching along the river.'],
  [7, '울주군', 12, '간절곶', 'Ganjeolgot Cape', '울산광역시 울주군 서생면 간절곶1길 39-2', 35.359, 129.36, '한반도에서 새해 해가 가장 먼저 뜨는 곳 가운데 하나.', 'One of the first places on the Korean Peninsula to see the New Year’s sunrise.'],
  [7, '울주군', 12, '반구대 암각화', 'Bangudae Petroglyphs', '울산광역시 울주군 언양읍 반구대안길 285', 35.6096, 129.1894, '고래와 사냥 장면이 새겨진 선사 시대 바위그림.', 'Prehistoric rock carvings of whales and hunting scenes.'],
  [7, '남구', 12, '장생포 고래문화마을', 'Jangsaengpo Whale Culture Village', '울산광역시 남구 장생포고래로 244', 35.505, 129.384, '옛 포경 마을을 되살린 고래 테마 마을.', 'A whale-themed village that brings an old whaling village back to life.'],
  // 세종
  [8, '세종특별자치시', 12, '국립세종수목원', 'Sejong National Arboretum', '세종특별자치시 수목원로 136', 36.4983, 127.29, '사계절 전시 온실과 한국 전통 정원이 있는 도심 수목원.', 'A city arboretum with a four-season glasshouse and traditional Korean gardens.'],
  [8, '세종특별자치시', 12, '세종호수공원', 'Sejong Lake Park', '세종특별자치시 다솜로 216', 36.4985, 127.274, '수상 무대섬과 물놀이섬이 있는 인공 호수 공원.', 'A park around a man-made lake, with a floating stage island and a water play island.'],
  [8, '세종특별자치시', 12, '정부세종청사 옥상정원', 'Government Complex Sejong Rooftop Garden', '세종특별자치시 도움6로 11', 36.504, 127.264, '세계에서 가장 긴 옥상정원으로 기네스북에 올랐다.', 'Listed by Guinness World Records as the longest rooftop garden in the world.'],
  [8, '세종특별자치시', 12, '베어트리파크', 'Beartree Park', '세종특별자치시 전동면 신송로 217', 36.6559, 127.248, '반달곰과 정원, 수목이 어우러진 테마 공원.', 'A theme park where Asiatic black bears, gardens and trees come together.'],
  // 경기
  [31, '수원시', 12, '수원 화성행궁', 'Hwaseong Haenggung Palace', '경기도 수원시 팔달구 정조로 825', 37.2818, 127.0144, '정조가 수원 화성에 지은 행궁. 화성은 유네스코 세계유산이다.', 'The temporary palace King Jeongjo built in Hwaseong Fortress, Suwon; the fortress is a UNESCO World Heritage Site.'],
  [31, '용인시', 12, '에버랜드', 'Everland', '경기도 용인시 처인구 포곡읍 에버랜드로 199', 37.294, 127.202, '사파리와 놀이기구, 계절 축제가 열리는 우리나라 최대 테마파크.', 'Korea’s largest theme park, with a safari, rides and seasonal festivals.', '031-320-5000'],
  [31, '용인시', 12, '한국민속촌', 'Korean Folk Village', '경기도 용인시 기흥구 민속촌로 90', 37.259, 127.118, '조선 후기 마을을 재현한 민속 테마파크.', 'A folk theme park recreating a village of the late Joseon era.'],
  [31, '파주시', 12, '임진각', 'Imjingak', '경기도 파주시 문산읍 임진각로 177', 37.8895, 126.74, '분단의 아픔을 돌아보는 평화누리공원과 전망대가 있다.', 'A place to reflect on the division of Korea, with Nuri Peace Park and an observatory.'],
  [31, '파주시', 14, '헤이리예술마을', 'Heyri Art Valley', '경기도 파주시 탄현면 헤이리마을길 70-21', 37.789, 126.699, '작가들의 작업실과 갤러리, 박물관이 모인 예술 마을.', 'An art village of artists’ studios, galleries and museums.'],
  [31, '양평군', 12, '두물머리', 'Dumulmeori', '경기도 양평군 양서면 양수리', 37.5335, 127.318, '남한강과 북한강이 만나는 곳. 물안개와 느티나무가 유명하다.', 'Where the South and North Han rivers meet; famous for its morning mist and old zelkova tree.'],
  [31, '광명시', 12, '광명동굴', 'Gwangmyeong Cave', '경기도 광명시 가학로85번길 142', 37.426, 126.866, '옛 금광을 동굴 테마파크로 바꾼 곳.', 'A former gold mine turned into a cave theme park.'],
  [31, '가평군', 12, '쁘띠프랑스', 'Petite France', '경기도 가평군 청평면 호반로 1063', 37.72, 127.488, '어린 왕자를 주제로 한 프랑스풍 문화 마을.', 'A French-style cultural village themed on The Little Prince.'],
  // 강원
  [32, '춘천시', 12, '남이섬', 'Nami Island', '강원특별자치도 춘천시 남산면 남이섬길 1', 37.791, 127.5255, '메타세쿼이아 길과 강변 풍경으로 유명한 북한강의 섬.', 'An island in the North Han River, famous for its metasequoia lanes and riverside scenery.'],
  [32, '속초시', 12, '설악산국립공원', 'Seoraksan National Park', '강원특별자치도 속초시 설악산로 833', 38.172, 128.49, '울산바위와 권금성, 비선대로 이름난 명산.', 'A famous mountain known for Ulsanbawi Rock, Gwongeumseong Fortress and Biseondae.'],
  [32, '강릉시', 12, '경포해수욕장', 'Gyeongpo Beach', '강원특별자치도 강릉시 창해로 514', 37.8055, 128.908, '경포호와 소나무 숲을 낀 동해안 대표 해수욕장.', 'The East Sea’s signature beach, between Gyeongpo Lake and a pine forest.'],
  [32, '강릉시', 12, '정동진', 'Jeongdongjin', '강원특별자치도 강릉시 강동면 정동진리', 37.691, 129.034, '바다와 가장 가까운 기차역이 있는 해돋이 명소.', 'A sunrise spot with the train station closest to the sea.'],
  [32, '강릉시', 12, '오죽헌', 'Ojukheon House', '강원특별자치도 강릉시 율곡로3139번길 24', 37.7794, 128.878, '율곡 이이가 태어난 집. 검은 대나무가 자란다.', 'The house where the scholar Yulgok (Yi I) was born; black bamboo grows here.'],
  [32, '속초시', 38, '속초관광수산시장', 'Sokcho Tourist & Fishery Market', '강원특별자치도 속초시 중앙로147번길 16', 38.2045, 128.59, '닭강정과 오징어순대로 유명한 속초의 중앙시장.', 'Sokcho’s central market, famous for dakgangjeong (sweet crispy chicken) and squid sundae.'],
  [32, '평창군', 12, '대관령양떼목장', 'Daegwallyeong Sheep Farm', '강원특별자치도 평창군 대관령면 대관령마루길 483-32', 37.687, 128.752, '초원에서 양 떼에게 먹이를 주는 고원 목장.', 'A highland farm where you can feed the sheep on its pastures.'],
  [32, '평창군', 28, '용평리조트', 'Yongpyong Resort', '강원특별자치도 평창군 대관령면 올림픽로 715', 37.644, 128.681, '2018 평창 동계올림픽 알파인 경기가 열린 스키 리조트.', 'The ski resort that hosted the alpine events of the 2018 PyeongChang Winter Olympics.'],
  [32, '정선군', 28, '하이원리조트', 'High1 Resort', '강원특별자치도 정선군 고한읍 하이원길 265', 37.207, 128.827, '스키장과 골프장을 갖춘 정선의 산악 리조트.', 'A mountain resort in Jeongseon with ski slopes and a golf course.'],
  // 충북
  [33, '단양군', 12, '도담삼봉', 'Dodamsambong Peaks', '충청북도 단양군 매포읍 삼봉로 644-13', 36.9998, 128.3437, '남한강 위에 솟은 세 봉우리. 단양팔경의 첫째.', 'Three peaks rising from the South Han River; the first of the Eight Scenic Views of Danyang.'],
  [33, '단양군', 12, '만천하스카이워크', 'Mancheonha Skywalk', '충청북도 단양군 적성면 옷바위길 10', 36.986, 128.359, '남한강 절벽 위 전망대와 짚와이어, 알파인코스터.', 'An observation deck, zip line and alpine coaster on a cliff above the South Han River.'],
  [33, '청주시', 12, '청남대', 'Cheongnamdae', '충청북도 청주시 상당구 문의면 청남대길 646', 36.4621, 127.4898, '대청호 가의 옛 대통령 별장.', 'A former presidential villa on the shore of Daecheong Lake.'],
  [33, '보은군', 12, '법주사', 'Beopjusa Temple', '충청북도 보은군 속리산면 법주사로 405', 36.5423, 127.833, '속리산의 고찰. 팔상전은 우리나라 유일의 목조 5층탑이다.', 'An ancient temple on Songnisan; its Palsangjeon Hall is the only five-storey wooden pagoda in Korea.'],
  [33, '충주시', 12, '수안보온천', 'Suanbo Hot Springs', '충청북도 충주시 수안보면 온천리', 36.847, 127.995, '조선 왕들도 찾았다는 천연 온천 마을.', 'A natural hot spring village said to have been visited by the kings of Joseon.'],
  [33, '제천시', 12, '의림지', 'Uirimji Reservoir', '충청북도 제천시 의림대로47길 7', 37.172, 128.211, '삼한 시대에 만든 것으로 전하는 오래된 저수지.', 'An old reservoir said to date from the Samhan period.'],
  // 충남
  [34, '공주시', 12, '공산성', 'Gongsanseong Fortress', '충청남도 공주시 웅진로 280', 36.463, 127.124, '백제 웅진 시대의 왕성. 백제역사유적지구로 세계유산에 올랐다.', 'The royal fortress of Baekje’s Ungjin period, a UNESCO World Heritage Site as part of the Baekje Historic Areas.'],
  [34, '부여군', 12, '정림사지', 'Jeongnimsa Temple Site', '충청남도 부여군 부여읍 정림로 83', 36.279, 126.9135, '백제 사비 시대의 절터와 오층석탑.', 'The site of a Baekje temple of the Sabi period, with its five-storey stone pagoda.'],
  [34, '보령시', 12, '대천해수욕장', 'Daecheon Beach', '충청남도 보령시 신흑동', 36.305, 126.515, '조개껍데기 모래로 이루어진 서해안 최대 해수욕장.', 'The largest beach on the West Sea coast, with sand made of crushed shells.'],
  [34, '보령시', 15, '보령머드축제', 'Boryeong Mud Festival', '충청남도 보령시 신흑동 대천해수욕장 일원', 36.3055, 126.516, '여름마다 대천해수욕장에서 열리는 진흙 축제.', 'A mud festival held every summer on Daecheon Beach.'],
  [34, '아산시', 12, '외암민속마을', 'Oeam Folk Village', '충청남도 아산시 송악면 외암민속길 5', 36.727, 127.016, '돌담길과 초가, 기와집이 남아 있는 500년 된 마을.', 'A 500-year-old village with stone-wall lanes, thatched cottages and tile-roofed houses.'],
  [34, '태안군', 12, '꽃지해수욕장', 'Kkotji Beach', '충청남도 태안군 안면읍 승언리', 36.497, 126.337, '할미·할아비 바위 사이로 지는 낙조가 유명한 안면도의 해변.', 'A beach on Anmyeondo famous for its sunsets between the Halmi and Halabi rocks.'],
  [34, '천안시', 14, '독립기념관', 'Independence Hall of Korea', '충청남도 천안시 동남구 목천읍 독립기념관로 1', 36.7835, 127.224, '독립운동의 역사를 전하는 전시관.', 'A memorial hall telling the history of the Korean independence movement.'],
  [34, '서산시', 12, '해미읍성', 'Haemieupseong Fortress', '충청남도 서산시 해미면 남문2로 143', 36.713, 126.549, '조선 시대 읍성이 온전히 남은 곳.', 'A walled town of the Joseon era that survives intact.'],
  // 경북
  [35, '경주시', 12, '불국사', 'Bulguksa Temple', '경상북도 경주시 불국로 385', 35.79, 129.332, '다보탑과 석가탑이 있는 신라 불교 예술의 정수. 유네스코 세계유산.', 'The masterpiece of Silla Buddhist art, with the Dabotap and Seokgatap pagodas. UNESCO World Heritage Site.'],
  [35, '경주시', 12, '석굴암', 'Seokguram Grotto', '경상북도 경주시 불국로 873-243', 35.795, 129.349, '토함산의 인공 석굴 사원. 본존불이 동해를 바라본다.', 'A man-made cave temple on Tohamsan, where the great Buddha looks out towards the East Sea.'],
  [35, '경주시', 12, '첨성대', 'Cheomseongdae Observatory', '경상북도 경주시 인왕동 839-1', 35.8347, 129.219, '신라 선덕여왕 때 세운 동양에서 가장 오래된 천문대.', 'The oldest surviving observatory in East Asia, built under Queen Seondeok of Silla.'],
  [35, '경주시', 12, '동궁과 월지', 'Donggung Palace and Wolji Pond', '경상북도 경주시 원화로 102', 35.8349, 129.2266, '신라 왕궁의 별궁 터. 야경이 아름답다.', 'The site of a detached palace of the Silla kings, beautiful when lit up at night.'],
  [35, '경주시', 12, '대릉원', 'Daereungwon Tomb Complex', '경상북도 경주시 황남동 31-1', 35.8387, 129.2119, '천마총을 비롯한 신라 왕릉이 모인 고분 공원.', 'A park of Silla royal tombs, among them Cheonmachong.'],
  [35, '안동시', 12, '안동하회마을', 'Andong Hahoe Folk Village', '경상북도 안동시 풍천면 전서로 186', 36.539, 128.518, '낙동강이 마을을 감싸 도는 풍산 류씨 집성촌. 세계유산.', 'A clan village of the Pungsan Ryu family, wrapped in a bend of the Nakdong River. UNESCO World Heritage Site.'],
  [35, '안동시', 12, '도산서원', 'Dosanseowon Confucian Academy', '경상북도 안동시 도산면 도산서원길 154', 36.727, 128.845, '퇴계 이황을 기리는 서원.', 'A Confucian academy honouring the scholar Toegye (Yi Hwang).'],
  [35, '영주시', 12, '부석사', 'Buseoksa Temple', '경상북도 영주시 부석면 부석사로 345', 36.9985, 128.688, '무량수전 배흘림기둥으로 이름난 신라 고찰.', 'An old Silla temple renowned for the swelling columns of its Muryangsujeon Hall.'],
  [35, '포항시', 12, '호미곶', 'Homigot', '경상북도 포항시 남구 호미곶면 해맞이로150번길 20', 36.077, 129.568, '바다 위 상생의 손 조형물이 있는 해돋이 명소.', 'A sunrise spot known for the Hand of Harmony sculpture rising from the sea.'],
  [35, '울릉군', 12, '독도', 'Dokdo', '경상북도 울릉군 울릉읍 독도리', 37.242, 131.866, '동해 한가운데 동도와 서도로 이루어진 우리 땅 독도.', 'Two rocky islands, Dongdo and Seodo, in the middle of the East Sea: Korea’s easternmost territory.'],
  // 경남
  [36, '통영시', 12, '동피랑벽화마을', 'Dongpirang Mural Village', '경상남도 통영시 동피랑1길 6-18', 34.8455, 128.427, '통영항이 내려다보이는 언덕 위 벽화 마을.', 'A mural village on a hill overlooking Tongyeong Harbour.'],
  [36, '합천군', 12, '해인사', 'Haeinsa Temple', '경상남도 합천군 가야면 해인사길 122', 35.801, 128.098, '팔만대장경을 모신 장경판전이 있는 법보 사찰.', 'The temple of the Dharma, whose Janggyeong Panjeon halls keep the Tripitaka Koreana.'],
  [36, '진주시', 12, '진주성', 'Jinjuseong Fortress', '경상남도 진주시 남강로 626', 35.189, 128.077, '임진왜란 진주대첩의 현장. 남강 위의 촉석루가 있다.', 'Scene of the Battle of Jinju in the Imjin War, with Chokseongnu Pavilion above the Nam River.'],
  [36, '거제시', 12, '바람의언덕', 'Windy Hill', '경상남도 거제시 남부면 갈곶리', 34.744, 128.663, '풍차와 바다가 어우러진 거제 남쪽 끝의 언덕.', 'A hill at the southern tip of Geoje where a windmill looks out over the sea.'],
  [36, '남해군', 12, '독일마을', 'German Village', '경상남도 남해군 삼동면 독일로 92', 34.801, 128.04, '독일에서 돌아온 교포들이 꾸린 주황 지붕 마을.', 'An orange-roofed village built by Koreans who came home from Germany.'],
  [36, '양산시', 12, '통도사', 'Tongdosa Temple', '경상남도 양산시 하북면 통도사로 108', 35.488, 129.063, '부처의 진신사리를 모신 불보 사찰.', 'The temple of the Buddha, which enshrines relics of the Buddha himself.'],
  [36, '창원시', 15, '진해군항제', 'Jinhae Gunhangje Festival', '경상남도 창원시 진해구 중원로터리 일원', 35.15, 128.66, '봄마다 진해 벚꽃 아래에서 열리는 우리나라 대표 벚꽃 축제.', 'Korea’s best-known cherry blossom festival, held in Jinhae every spring.'],
  [36, '창원시', 12, '여좌천', 'Yeojwacheon Stream', '경상남도 창원시 진해구 여좌동', 35.159, 128.677, '벚꽃 터널이 이어지는 진해의 하천 산책로.', 'A streamside walk in Jinhae under a tunnel of cherry blossoms.'],
  // 전북
  [37, '전주시', 12, '전주한옥마을', 'Jeonju Hanok Village', '전북특별자치도 전주시 완산구 기린대로 99', 35.815, 127.153, '700여 채의 한옥이 모인 도심 한옥 마을.', 'A hanok village in the city centre with some 700 traditional houses.'],
  [37, '전주시', 12, '경기전', 'Gyeonggijeon Shrine', '전북특별자치도 전주시 완산구 태조로 44', 35.8152, 127.1498, '태조 이성계의 어진을 모신 곳.', 'The shrine that holds the royal portrait of King Taejo (Yi Seong-gye).'],
  [37, '정읍시', 12, '내장산국립공원', 'Naejangsan National Park', '전북특별자치도 정읍시 내장산로 936', 35.486, 126.889, '가을 단풍으로 이름난 국립공원.', 'A national park renowned for its autumn leaves.'],
  [37, '진안군', 12, '마이산', 'Maisan Mountain', '전북특별자치도 진안군 마령면 마이산남로 406', 35.758, 127.41, '말의 귀를 닮은 두 봉우리와 돌탑으로 유명한 산.', 'A mountain famous for its two peaks shaped like a horse’s ears, and for its stone towers.'],
  [37, '군산시', 14, '군산근대역사박물관', 'Gunsan Modern History Museum', '전북특별자치도 군산시 해망로 240', 35.988, 126.711, '개항기 군산의 역사를 전하는 박물관.', 'A museum telling the history of Gunsan in the era of the open ports.'],
  [37, '남원시', 12, '광한루원', 'Gwanghallu Garden', '전북특별자치도 남원시 요천로 1447', 35.403, 127.379, '춘향전의 무대가 된 누각과 정원.', 'The pavilion and garden where the tale of Chunhyang is set.'],
  [37, '부안군', 12, '변산해수욕장', 'Byeonsan Beach', '전북특별자치도 부안군 변산면 변산해변로 50', 35.679, 126.525, '변산반도국립공원 안의 해수욕장.', 'A beach inside Byeonsanbando National Park.'],
  [37, '고창군', 12, '선운사', 'Seonunsa Temple', '전북특별자치도 고창군 아산면 선운사로 250', 35.499, 126.602, '동백 숲과 가을 꽃무릇으로 이름난 사찰.', 'A temple renowned for its camellia forest and its red spider lilies in autumn.'],
  // 전남
  [38, '순천시', 12, '순천만습지', 'Suncheonman Bay Wetland', '전라남도 순천시 순천만길 513-25', 34.886, 127.509, '갈대밭과 갯벌이 펼쳐진 연안 습지.', 'A coastal wetland of reed beds and tidal flats.'],
  [38, '순천시', 12, '낙안읍성', 'Naganeupseong Folk Village', '전라남도 순천시 낙안면 충민길 30', 34.907, 127.341, '사람이 살고 있는 조선 시대 읍성 마을.', 'A walled town of the Joseon era where people still live.'],
  [38, '여수시', 12, '오동도', 'Odongdo Island', '전라남도 여수시 오동도로 222', 34.743, 127.767, '방파제로 이어진 동백섬.', 'A camellia island linked to the shore by a breakwater.'],
  [38, '담양군', 12, '죽녹원', 'Juknokwon Bamboo Garden', '전라남도 담양군 담양읍 죽녹원로 119', 35.326, 126.986, '울창한 대숲 사이로 산책길이 이어진 정원.', 'A garden with walking paths through a dense bamboo forest.'],
  [38, '보성군', 12, '대한다원', 'Daehan Dawon Tea Plantation', '전라남도 보성군 보성읍 녹차로 763-67', 34.713, 127.086, '산비탈을 따라 층층이 펼쳐진 녹차밭.', 'Green tea fields rising in terraces along the hillsides.'],
  [38, '목포시', 12, '유달산', 'Yudalsan Mountain', '전라남도 목포시 유달로 187', 34.791, 126.372, '목포 앞바다와 다도해가 내려다보이는 산.', 'A mountain overlooking the sea off Mokpo and the islands of Dadohae.'],
  [38, '해남군', 12, '땅끝마을', 'Ttangkkeut Village', '전라남도 해남군 송지면 땅끝마을길 60-28', 34.299, 126.527, '한반도 육지의 남쪽 끝.', 'The southernmost tip of the Korean mainland.'],
  // 제주
  [39, '서귀포시', 12, '성산일출봉', 'Seongsan Ilchulbong', '제주특별자치도 서귀포시 성산읍 일출로 284-12', 33.4588, 126.9425, '바다에서 솟은 응회구. 정상에서 보는 해돋이가 유명하다. 세계자연유산.', 'A tuff cone risen from the sea, famous for the sunrise from its summit. UNESCO World Natural Heritage Site.'],
  [39, '서귀포시', 12, '섭지코지', 'Seopjikoji', '제주특별자치도 서귀포시 성산읍 섭지코지로 107', 33.424, 126.931, '성산일출봉이 보이는 해안 초원과 등대.', 'Coastal meadows and a lighthouse with views of Seongsan Ilchulbong.'],
  [39, '서귀포시', 12, '천지연폭포', 'Cheonjiyeon Falls', '제주특별자치도 서귀포시 남성중로 2-15', 33.2467, 126.5545, '난대림 계곡 끝에 떨어지는 높이 22m의 폭포.', 'A 22 m waterfall at the end of a valley of warm-temperate forest.'],
  [39, '서귀포시', 12, '중문색달해수욕장', 'Jungmun Saekdal Beach', '제주특별자치도 서귀포시 중문관광로72번길 29-51', 33.2445, 126.412, '파도가 좋아 서핑을 즐기는 중문관광단지의 해변.', 'A beach in the Jungmun resort area with good waves for surfing.'],
  [39, '제주시', 12, '한라산국립공원', 'Hallasan National Park', '제주특별자치도 제주시 516로 1865', 33.385, 126.62, '남한에서 가장 높은 산. 성판악 탐방로의 들머리.', 'The highest mountain in South Korea; the Seongpanak trail starts here.'],
  [39, '제주시', 12, '만장굴', 'Manjanggul Cave', '제주특별자치도 제주시 구좌읍 만장굴길 182', 33.5283, 126.7712, '거문오름 용암동굴계의 긴 용암동굴. 세계자연유산.', 'A long lava tube of the Geomunoreum lava tube system. UNESCO World Natural Heritage Site.'],
  [39, '제주시', 12, '협재해수욕장', 'Hyeopjae Beach', '제주특별자치도 제주시 한림읍 한림로 329-10', 33.394, 126.2396, '비양도가 보이는 에메랄드빛 바다의 해수욕장.', 'A beach of emerald water with a view of Biyangdo island.'],
  [39, '제주시', 12, '함덕해수욕장', 'Hamdeok Beach', '제주특별자치도 제주시 조천읍 조함해안로 525', 33.543, 126.669, '서우봉 아래 얕고 맑은 바다의 해수욕장.', 'A beach of shallow, clear water below Seoubong peak.'],
  [39, '제주시', 12, '우도', 'Udo Island', '제주특별자치도 제주시 우도면', 33.506, 126.953, '소가 누운 모양의 섬. 산호 해변과 땅콩 아이스크림이 유명하다.', 'An island shaped like a lying cow, famous for its coral beaches and peanut ice cream.'],
  [39, '제주시', 38, '동문재래시장', 'Dongmun Market', '제주특별자치도 제주시 관덕로14길 20', 33.512, 126.528, '감귤과 해산물, 야시장이 있는 제주시의 상설 시장.', 'Jeju City’s permanent market, with tangerines, seafood and a night market.'],
];

/** The dev catalog as import items (the same path a file import takes). */
export function devCatalogItems(): KtoItem[] {
  return places.map(
    ([sido, gugunName, type, title, titleEn, addr1, lat, lng, overview, overviewEn, tel], index) => {
      const gugun = ktoSido.find((s) => s.code === sido)?.gugun.find((g) => g.name.ko === gugunName);
      if (!gugun) throw new Error(`dev catalog: no gugun ${gugunName} in sido ${sido}`);
      return {
        contentid: DEV_ID_BASE + index + 1,
        contenttypeid: type,
        title,
        title_en: titleEn,
        addr1,
        tel,
        mapx: lng,
        mapy: lat,
        areacode: sido,
        sigungucode: gugun.code,
        overview: `<p>${overview}</p>`,
        overview_en: `<p>${overviewEn}</p>`,
        attribution: DEV_ATTRIBUTION,
      } as KtoItem;
    },
  );
}
